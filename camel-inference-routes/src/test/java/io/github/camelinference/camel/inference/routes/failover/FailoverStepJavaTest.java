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

import org.apache.camel.builder.RouteBuilder;

/** The failover step's contract on routes written in Java DSL: the same routes as {@code failover-step.yaml}. */
class FailoverStepJavaTest extends FailoverStepContract {

    private static final String PRIMARY = "inference:openai?baseUrl={{primary.url}}&apiKey=RAW({{primary.apiKey}})";
    private static final String FALLBACK = "inference:huggingface?baseUrl={{fallback.url}}"
                                           + "&apiKey=RAW({{fallback.apiKey}})&model=openai/gpt-oss-120b";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").routeId("chat")
                        .loadBalance(bind("chatFailover", new InferenceFailover().retryDelay(20).maxRetryAfter(1000)
                                .minimumNumberOfCalls(4).slidingWindowSize(4).waitDurationInOpenState(500)
                                .permittedCallsInHalfOpenState(1)))
                        .to(PRIMARY + "&requestTimeout=1000")
                        .to(FALLBACK)
                        .end();

                from("direct:three").routeId("three")
                        .loadBalance(bind("threeFailover", new InferenceFailover().retryDelay(20)))
                        .to(PRIMARY)
                        .to(FALLBACK)
                        .to("inference:local?baseUrl={{third.url}}&model=qwen3-8b")
                        .end();

                from("direct:aggregated").routeId("aggregated")
                        .loadBalance(bind("aggregatedFailover", new InferenceFailover().retryDelay(20)))
                        .to(PRIMARY + "&stream=true&aggregateStream=true&firstTokenTimeout=500"
                            + "&streamIdleTimeout=300")
                        .to(FALLBACK + "&stream=true&aggregateStream=true")
                        .end();

                from("direct:split").routeId("split")
                        .loadBalance(bind("splitFailover", new InferenceFailover().retryDelay(20)))
                        .to(PRIMARY + "&stream=true&firstTokenTimeout=500&streamIdleTimeout=300")
                        .to(FALLBACK + "&stream=true")
                        .end();

                from("direct:heldBack").routeId("heldBack")
                        .loadBalance(bind("heldBackFailover", new InferenceFailover().holdBackTokens(3)))
                        .to(PRIMARY + "&stream=true")
                        .to(FALLBACK + "&stream=true")
                        .end();

                from("direct:reasoning").routeId("reasoning")
                        .loadBalance(bind("reasoningFailover", new InferenceFailover()))
                        .to(PRIMARY + "&stream=true&streamReasoning=true")
                        .to(FALLBACK + "&stream=true&streamReasoning=true")
                        .end();

                from("direct:hedged").routeId("hedged")
                        .loadBalance(bind("hedgedFailover", new InferenceFailover().hedgeDelay(500)))
                        .to(PRIMARY)
                        .to(FALLBACK)
                        .end();

                from("direct:userStep").routeId("userStep")
                        .loadBalance(bind("userStepFailover", new InferenceFailover()))
                        .pipeline()
                        .to(PRIMARY)
                        .throwException(new IllegalStateException("the route's own step failed"))
                        .end()
                        .to(FALLBACK)
                        .end();

                from("direct:timed").routeId("timed")
                        .loadBalance(bind("timedFailover", new InferenceFailover().requestTimeout(400)))
                        .to(PRIMARY)
                        .to(FALLBACK)
                        .end();
            }

            private InferenceFailover bind(String name, InferenceFailover step) {
                getContext().getRegistry().bind(name, step);
                return step;
            }
        };
    }
}
