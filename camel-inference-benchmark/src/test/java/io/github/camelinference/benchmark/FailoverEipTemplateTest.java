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
package io.github.camelinference.benchmark;

import java.util.Properties;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.camel.inference.routes.failover.FailoverConstants;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The failover on Camel's circuitBreaker EIP (the benchmark's {@code failover-eip.yaml}, the recipe in
 * docs/failover-circuit-breaker-eip.md) still fails over, and still fails fast on a 400.
 */
class FailoverEipTemplateTest extends CamelTestSupport {

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator primary;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator fallback;

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null); // no key of the machine running the tests is ever used
        camel.addComponent("inference", component);
        return camel;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("inference.retryDelay", "50");
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        var resources = PluginHelper.getResourceLoader(context);
        PluginHelper.getRoutesLoader(context).loadRoutes(resources.resolveResource("classpath:failover-eip.yaml"));
        TemplatedRouteBuilder.builder(context, "inference-failover-eip").routeId("chat")
                .parameter("name", "chat")
                .parameter("primary", "inference:openai?baseUrl=" + primary.baseUrl() + "&apiKey=sk-test&model=gpt-5-mini")
                .parameter("fallback", "inference:huggingface?baseUrl=" + fallback.baseUrl()
                                       + "&apiKey=hf_test&model=openai/gpt-oss-120b")
                .parameter("minimumNumberOfCalls", "4")
                .parameter("slidingWindowSize", "4")
                .add();
    }

    @Test
    void aPrimaryReturning503IsRetriedThenTheFallbackAnswers() {
        primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        Exchange result = template.request("direct:chat", e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(true, result.getMessage().getHeader(FailoverConstants.FALLBACK_USED));
        assertEquals(3, primary.requestCount());
        assertEquals("CLOSED", breaker(context.getRoute("chat").getProcessor()).getCircuitBreakerState());
    }

    @Test
    void anInvalidRequestFailsFastWithoutTheFallback() {
        primary.always(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:chat", "Hello", String.class));

        assertInstanceOf(InvalidRequestException.class, e.getCause());
        assertEquals(0, fallback.requestCount());
    }

    /** The route's circuitBreaker EIP, found by walking its processors. */
    private static ResilienceProcessor breaker(Processor processor) {
        if (processor instanceof ResilienceProcessor breaker) {
            return breaker;
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object child : navigate.next()) {
                ResilienceProcessor found = child instanceof Processor p ? breaker(p) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
