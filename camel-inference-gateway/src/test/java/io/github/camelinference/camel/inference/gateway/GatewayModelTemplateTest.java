/*
 * Copyright 2026 the camel-inference authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelinference.camel.inference.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceConfiguration;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The model template's breaker settings reach every target's breaker in both of a model's failover steps (JSON and
 * streams): from the {@code gateway.breaker.*} properties for a model that names none ({@code smart}), from its own
 * parameters for one that does ({@code tuned}, {@code test-routes/tuned-model.yaml}), and so do its stream timeouts.
 */
@Timeout(60)
class GatewayModelTemplateTest {

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        Map<String, String> settings = new HashMap<>();
        settings.put("camel.management.port", Integer.toString(TestGateway.freePort()));
        settings.put("camel.main.routes-include-pattern", "classpath:routes/*.yaml,classpath:test-routes/*.yaml");
        settings.put("gateway.breaker.failureRateThreshold", "65");
        settings.put("gateway.breaker.minimumNumberOfCalls", "9");
        settings.put("gateway.breaker.slidingWindowSize", "30");
        settings.put("gateway.breaker.waitDurationInOpenState", "9876");
        settings.put("gateway.breaker.permittedCallsInHalfOpenState", "4");
        settings.put("gateway.breaker.slowCallDurationThreshold", "45000");
        settings.put("gateway.breaker.slowCallRateThreshold", "90");
        gateway = TestGateway.start(openai, huggingface, settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void theGatewaysBreakerPropertiesReachAModelThatSetsNone() {
        assertEveryBreaker("model-smart", 65f, 9, 30, 9876, 4, 45_000, 90f);
    }

    @Test
    void aModelsOwnTemplateParametersReachItsBreakers() {
        assertEveryBreaker("model-tuned", 35f, 7, 21, 4321, 3, 2_500, 80f);
    }

    @Test
    void aModelsOwnStreamTimeoutsReachItsStreamingEndpoints() {
        List<InferenceConfiguration> tuned = gateway.main().getCamelContext().getEndpoints().stream()
                .filter(InferenceEndpoint.class::isInstance).map(e -> ((InferenceEndpoint) e).getConfiguration())
                .filter(InferenceConfiguration::isStream)
                .filter(c -> c.getFirstTokenTimeout() == 7000 && c.getStreamIdleTimeout() == 6000).toList();
        assertEquals(2, tuned.size(), "the primary's and the fallback's streaming endpoints");
    }

    private static void assertEveryBreaker(
            String route, float failureRate, int minimumCalls, int window,
            long waitMillis, int halfOpenCalls, long slowMillis, float slowRate) {
        CamelContext camel = gateway.main().getCamelContext();
        List<InferenceFailover> steps = CircuitBreakers.failoverSteps(camel.getRoute(route));
        assertEquals(2, steps.size(), "a JSON and a streamed failover step");
        for (InferenceFailover step : steps) {
            Map<String, CircuitBreaker> breakers = step.getCircuitBreakers();
            assertEquals(2, breakers.size(), "one breaker per target");
            for (CircuitBreaker breaker : breakers.values()) {
                CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
                String which = route + " " + breaker.getName();
                assertEquals(failureRate, config.getFailureRateThreshold(), which);
                assertEquals(minimumCalls, config.getMinimumNumberOfCalls(), which);
                assertEquals(window, config.getSlidingWindowSize(), which);
                assertEquals(waitMillis, config.getWaitIntervalFunctionInOpenState().apply(1), which);
                assertEquals(halfOpenCalls, config.getPermittedNumberOfCallsInHalfOpenState(), which);
                assertEquals(Duration.ofMillis(slowMillis), config.getSlowCallDurationThreshold(), which);
                assertEquals(slowRate, config.getSlowCallRateThreshold(), which);
            }
        }
    }
}
