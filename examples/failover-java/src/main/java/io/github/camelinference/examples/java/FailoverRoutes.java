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
package io.github.camelinference.examples.java;

import io.github.camelinference.camel.inference.error.FailoverableInferenceException;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.builder.RouteBuilder;

/**
 * The building blocks of the YAML example in Java DSL. Endpoint URIs come from properties ({@code openai.uri},
 * {@code hf.uri}, {@code hf.eu.uri}, ...) so the same routes run against the simulator or the real services.
 */
public class FailoverRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // 1. Failover: the failover step tries OpenAI, then the router, each behind its own circuit breaker. Retryable
        //    errors are retried on the same target (waiting as long as Retry-After asks, up to maxRetryAfter); a
        //    timeout or any other error another provider can fix moves on at once; a malformed request reaches the
        //    caller unchanged and trips nothing. No thread waits on a call, a retry or a hedge.
        //    Camel's own circuitBreaker EIP remains an alternative (the recipe in
        //    docs/failover-circuit-breaker-eip.md); it holds a thread for every call in flight.
        //    The step hands the caller the last error when every target fails: no error handler between the targets.
        from("direct:chat").routeId("chat").errorHandler(noErrorHandler())
                .loadBalance(new InferenceFailover()
                        .retries(1).retryDelay(200).maxRetryAfter(5000)
                        .failureRateThreshold(50).minimumNumberOfCalls(5).slidingWindowSize(10)
                        .waitDurationInOpenState(2000).permittedCallsInHalfOpenState(2))
                .id("chat-failover")
                .to("{{openai.uri}}")
                .to("{{hf.uri}}")
                .end();

        // 2. Content-based routing: provider and model per message.
        from("direct:ask").routeId("ask")
                .choice()
                .when(header("region").isEqualTo("eu")).to("{{hf.eu.uri}}")
                .when(header("needsJson").isEqualTo("true")).to("{{openai.json.uri}}")
                .when(header("tier").isEqualTo("premium")).to("direct:chat")
                .when(simple("${body.length} > 2000")).to("{{hf.cheapest.uri}}")
                .otherwise().to("{{hf.uri}}")
                .end();

        // 3. Load balancing: weighted, round robin, and an ordered failover chain.
        from("direct:spread").routeId("spread")
                .loadBalance().weighted(false, "3,1")
                .to("{{openai.uri}}").to("{{hf.uri}}")
                .end();
        from("direct:round-robin").routeId("round-robin")
                .loadBalance().roundRobin()
                .to("{{hf.groq.uri}}").to("{{hf.together.uri}}")
                .end();
        from("direct:failover-chain").routeId("failover-chain")
                .loadBalance().failover(FailoverableInferenceException.class)
                .to("{{openai.uri}}").to("{{hf.uri}}").to("{{hf.cheapest.uri}}")
                .end();
    }
}
