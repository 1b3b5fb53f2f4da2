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
package io.github.camelinference.camel.inference.springboot;

import java.util.Map;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Health turns DOWN when a provider stops being reachable and its circuit breaker opens, and UP again after. */
@CamelSpringBootTest
@SpringBootTest(classes = TestApplication.class, properties = "test.breaker-route=true")
class InferenceHealthTest {

    @Simulator(Flavour.OPENAI)
    static ProviderSimulator flakyProvider;
    @Simulator(Flavour.OPENAI)
    static ProviderSimulator otherProvider;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.base-url", otherProvider::baseUrl);
        registry.add("camel.component.inference.api-key", () -> "sk-health-test");
        registry.add("camel.component.inference.providers.openai-eu.base-url", otherProvider::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.base-url", otherProvider::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.api-key", () -> "hf-test");
        registry.add("camel.component.inference.providers.flaky.type", () -> "openai");
        registry.add("camel.component.inference.providers.flaky.base-url", flakyProvider::baseUrl);
    }

    @Autowired
    ProducerTemplate template;
    @Autowired
    InferenceHealthIndicator health;

    @Test
    @SuppressWarnings("unchecked")
    void downWhenTheBreakerOpensOnAnUnreachableProviderWhichIsReachableAgainOnceItAnswers() {
        assertEquals("Simulated answer to: hi", template.requestBody("direct:guarded", "hi", String.class));
        assertEquals(Status.UP, health.health().getStatus());
        assertEquals("UP", health.health().getDetails().get("httpClient"), "the component's HTTP client runs");

        flakyProvider.always(io.github.camelinference.simulator.Reply.reset());
        for (int i = 0; i < 3; i++) {
            assertEquals("fallback", template.requestBody("direct:guarded", "hi", String.class));
        }

        // the breaker opened after the second failure (3 calls in its window, 2 failed), sparing the third call
        Health down = health.health();
        assertEquals(Status.DOWN, down.getStatus());
        assertEquals("OPEN", ((Map<String, Object>) down.getDetails().get("circuitBreakers")).get("guarded/circuitBreaker1"));
        Map<String, Object> flaky = provider(down, "flaky");
        assertEquals(2, flaky.get("failuresInARow"));
        assertEquals("CONNECTION_FAILED", flaky.get("lastError"));

        template.request("inference:flaky", e -> e.getMessage().setBody("hi")); // a third failure in a row
        assertEquals(false, provider(health.health(), "flaky").get("reachable"));

        flakyProvider.always(io.github.camelinference.simulator.Reply.answer());
        template.request("inference:flaky", e -> e.getMessage().setBody("hi"));
        assertEquals(true, provider(health.health(), "flaky").get("reachable"), "reachable again after an answer");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFailoverStepsBreakersAreInTheDetailsOnePerTarget() {
        template.requestBody("direct:failover", "hi", String.class);

        Map<String, Object> breakers = (Map<String, Object>) health.health().getDetails().get("circuitBreakers");
        assertEquals("CLOSED", breakers.get("failover/flaky"), "breakers: " + breakers);
        assertEquals("CLOSED", breakers.get("failover/openai-eu"), "breakers: " + breakers);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> provider(Health health, String name) {
        return (Map<String, Object>) ((Map<String, Object>) health.getDetails().get("providers")).get(name);
    }
}
