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
package io.github.camelinference.camel.inference.routes.failover;

import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With a Micrometer registry in the application, each target's breaker shows up in its metrics. */
class FailoverStepMetricsTest extends InferenceTestSupport {

    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator primary;
    @Simulator(Flavour.HUGGINGFACE)
    private static ProviderSimulator fallback;
    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("meters", meters);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").routeId("chat")
                        .loadBalance(new InferenceFailover().retries(0))
                        .to("inference:openai?apiKey=sk-test&baseUrl=" + primary.baseUrl())
                        .to("inference:huggingface?apiKey=hf_test&model=openai/gpt-oss-120b&baseUrl="
                            + fallback.baseUrl())
                        .end();
            }
        };
    }

    @Test
    void eachTargetsBreakerIsInTheMetrics() {
        primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        template.requestBody("direct:chat", "Hello", String.class);

        assertEquals(1.0, meters.get("resilience4j.circuitbreaker.calls").tag("name", "chat.openai")
                .tag("kind", "failed").timer().count());
        assertEquals(1.0, meters.get("resilience4j.circuitbreaker.calls")
                .tag("name", "chat.huggingface/openai/gpt-oss-120b").tag("kind", "successful").timer().count());
        assertEquals(1.0, meters.get("resilience4j.circuitbreaker.state").tag("name", "chat.openai")
                .tag("state", "closed").gauge().value());
    }
}
