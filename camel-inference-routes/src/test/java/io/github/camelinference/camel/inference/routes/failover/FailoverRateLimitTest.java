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

import java.util.List;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A target whose own rate limiter refuses a call (its account's requestsPerMinute used up) is left for the next target
 * at once: not retried, and not counted against its breaker, since the provider was never called. One request a minute
 * is a bucket of one, refilled once a minute, so the second call to a target is refused on any machine.
 */
class FailoverRateLimitTest extends InferenceTestSupport {

    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator primary;
    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator fallback;

    private static String target(ProviderSimulator simulator, String options) {
        return "inference:openai?baseUrl=" + simulator.baseUrl() + "&apiKey=sk-test&" + options;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // a breaker that opens after two failures of two: it would open if a refusal counted
                from("direct:limited").routeId("limited")
                        .loadBalance(bind("limitedFailover", new InferenceFailover().retries(2).retryDelay(10)
                                .minimumNumberOfCalls(2).slidingWindowSize(2)))
                        .to(target(primary, "requestsPerMinute=1&rateLimitAccount=primary-account"))
                        .to(target(fallback, "model=gpt-5-nano"))
                        .end();

                from("direct:allLimited").routeId("allLimited")
                        .loadBalance(bind("allLimitedFailover", new InferenceFailover().retries(2).retryDelay(10)))
                        .to(target(primary, "requestsPerMinute=1&rateLimitAccount=both-a"))
                        .to(target(fallback, "requestsPerMinute=1&rateLimitAccount=both-b&model=gpt-5-nano"))
                        .end();
            }

            private InferenceFailover bind(String name, InferenceFailover step) {
                getContext().getRegistry().bind(name, step);
                return step;
            }
        };
    }

    private Exchange ask(String route) {
        return template.request(route, e -> e.getMessage().setBody("Hello"));
    }

    @Test
    void movesToTheNextTargetAtOnceWithoutRetryingOrTouchingTheBreaker() {
        primary.reset();
        fallback.reset();
        assertEquals(Boolean.FALSE, ask("direct:limited").getMessage().getHeader(FailoverConstants.FALLBACK_USED));
        for (int i = 0; i < 3; i++) {
            Exchange answered = ask("direct:limited");
            assertNull(answered.getException());
            assertEquals(Boolean.TRUE, answered.getMessage().getHeader(FailoverConstants.FALLBACK_USED));
            assertEquals(2, answered.getMessage().getHeader(InferenceConstants.ATTEMPTS, Integer.class),
                    "one refused call to the primary (no retries), one to the fallback");
        }
        assertEquals(1, primary.requestCount(), "the refused calls never reached the primary");
        CircuitBreaker breaker = context.getRegistry().lookupByNameAndType("limitedFailover", InferenceFailover.class)
                .getCircuitBreakers().values().iterator().next();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
        assertEquals(0, breaker.getMetrics().getNumberOfFailedCalls());
        assertEquals(1, breaker.getMetrics().getNumberOfSuccessfulCalls());
    }

    @Test
    void canTakeCallIsFalseOnceEveryTargetIsRateLimited() {
        InferenceFailover step = context.getRegistry().lookupByNameAndType("allLimitedFailover",
                InferenceFailover.class);
        assertNull(ask("direct:allLimited").getException());
        assertNull(ask("direct:allLimited").getException()); // the primary refuses, the fallback answers
        assertTrue(step.canTakeCall(), "the fallback's limit has not been seen used up yet");

        Exchange refused = ask("direct:allLimited");
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class,
                refused.getException());
        assertEquals("both-b", error.getAccount());
        assertTrue(error.getRetryAfterMillis() > 0);
        assertFalse(step.canTakeCall(), "both targets are rate-limited: a consumer feeding the step pauses");
        assertEquals(List.of(true, true), List.copyOf(step.getRateLimited().values()));
        step.getCircuitBreakers().values().forEach(breaker -> {
            assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
            assertEquals(0, breaker.getMetrics().getNumberOfFailedCalls());
        });
    }
}
