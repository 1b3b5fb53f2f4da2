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
package io.github.camelinference.camel.inference;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.camel.inference.error.CallCancelledException;
import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitBucket;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.AsyncProducer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every HTTP call a message makes takes the same guards: a rate-limit permit of the provider account and a reservation
 * against the budget, settled when it ends. That holds for the first call, every tool round (streamed or not) and every
 * schema re-ask, whether the permit is there at once or comes after a wait.
 */
class GuardedCallsTest extends SimulatorTestSupport {

    private static final String ORDER_42 = "{\"order_id\":\"42\"}";
    private static final String ORDER_43 = "{\"order_id\":\"43\"}";

    private final CountingLimits limits = new CountingLimits();

    private final CountingSpendStore spend = new CountingSpendStore();

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(spend, 100, BudgetGuard.Window.DAY, Clock.systemUTC());

    @BindToRegistry("tightBudget")
    private final BudgetGuard tightBudget = new BudgetGuard(
            new InMemorySpendStore(), 1.0, BudgetGuard.Window.DAY,
            Clock.systemUTC());

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getComponent("inference", InferenceComponent.class).setRateLimitStore(limits);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("{\"status\":\"shipped\"}"));
                // reads a split-mode stream to its end, as a route would
                from("direct:split")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> {
                        })
                        .end();
            }
        };
    }

    private Exchange ask(String uri, String mode) {
        if (mode.equals("stream=true")) {
            return template.request("direct:split", e -> {
                e.getMessage().setBody("Where are orders 42 and 43?");
                e.getMessage().setHeader("target", uri);
            });
        }
        return template.request(uri, e -> e.getMessage().setBody("Where are orders 42 and 43?"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stream=true", "stream=true&aggregateStream=true", "stream=false" })
    void everyRoundOfAToolLoopTakesAPermitAndAReservation(String mode) {
        openai.enqueue(Reply.toolCall("lookup_order", ORDER_42), Reply.toolCall("lookup_order", ORDER_43),
                Reply.answer());
        String account = "rounds-" + mode.length();
        String uri = openaiUri(mode + "&tools=lookupOrder&requestsPerMinute=6000&rateLimitAccount=" + account
                               + "&budgetGuard=#budget&budgetKey=rounds&inputPrice=1&outputPrice=100");

        Exchange result = ask(uri, mode);

        assertNull(result.getException());
        assertEquals(3, openai.requestCount(), "three rounds: two tool calls, then the answer");
        assertEquals(3, limits.requestsTaken(account + ":rpm=6000"), "one permit per round");
        assertEquals(3, spend.reserved.get(), "one reservation per round");
        assertEquals(3, spend.settled.get(), "each reservation settled when its round ended");
    }

    @ParameterizedTest
    @ValueSource(strings = { "stream=true", "stream=true&aggregateStream=true", "stream=false" })
    void toolRoundsThatWaitForTheirPermitAreSentWhenItComes(String mode) {
        // 60 a minute holds one request and refills one a second: the second and third rounds wait about a second
        openai.enqueue(Reply.toolCall("lookup_order", ORDER_42), Reply.toolCall("lookup_order", ORDER_43),
                Reply.answer());
        String account = "waits-" + mode.length();
        String uri = openaiUri(mode + "&tools=lookupOrder&requestsPerMinute=60&rateLimitMaxWait=20s"
                               + "&rateLimitAccount=" + account);

        Exchange result = ask(uri, mode);

        assertNull(result.getException());
        assertEquals(3, openai.requestCount());
        assertEquals(3, limits.requestsTaken(account + ":rpm=60"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "stream=true", "stream=true&aggregateStream=true", "stream=false" })
    void aToolRoundPastTheBudgetIsNeverSent(String mode) {
        // the first round's answer costs the whole budget (10,000 output tokens at 100 USD a million): the next
        // round's reservation is refused, so it never reaches the provider
        openai.enqueue(expensiveToolCall(mode.equals("stream=false")), Reply.answer());
        String uri = openaiUri(mode + "&tools=lookupOrder&budgetGuard=#tightBudget&budgetKey=acme&inputPrice=1"
                               + "&outputPrice=100&maxTokens=10000");

        Exchange result = ask(uri, mode);

        assertInstanceOf(BudgetExceededException.class, result.getException());
        assertEquals(1, openai.requestCount(), "the second round was refused before it was sent");
        assertEquals((10 * 1.0 + 10_000 * 100.0) / 1e6, tightBudget.spent("acme"), 1e-12);
    }

    private static Reply expensiveToolCall(boolean json) {
        String usage = "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":10000,\"total_tokens\":10010}";
        String call = "{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
                      + "\"arguments\":\"{\\\"order_id\\\":\\\"42\\\"}\"}}";
        if (json) {
            return Reply.json(200, "{\"id\":\"c1\",\"model\":\"priced\",\"choices\":[{\"index\":0,\"message\":{"
                                   + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
                                   + "\"finish_reason\":\"tool_calls\"}]," + usage + "}");
        }
        return Reply.sseData("{\"id\":\"c1\",\"model\":\"priced\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
                             + "\"assistant\",\"tool_calls\":[" + call + "]}}]}",
                "{\"id\":\"c1\",\"model\":\"priced\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
                                                                                  + "\"tool_calls\"}]," + usage + "}",
                "[DONE]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "stream=true", "stream=true&aggregateStream=true", "stream=false" })
    void aCallCancelledWhileItWaitsForItsPermitIsNeverSent(String mode) throws Exception {
        String account = "cancelled-" + mode.length();
        String uri = openaiUri(mode + "&requestsPerMinute=1&rateLimitMaxWait=60s&rateLimitAccount=" + account);
        assertNull(template.request(uri, e -> e.getMessage().setBody("Hello")).getException(), "takes the one");

        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        producer.start();
        try {
            Exchange waiting = new DefaultExchange(context);
            waiting.getMessage().setBody("Hello");
            CountDownLatch ended = new CountDownLatch(1);
            producer.process(waiting, doneSync -> ended.countDown());
            Runnable cancel = waiting.getProperty(InferenceConstants.CANCEL_PROPERTY, Runnable.class);
            cancel.run();

            assertTrue(ended.await(10, TimeUnit.SECONDS), "the waiting call ended at once, not after its wait");
            assertInstanceOf(CallCancelledException.class, waiting.getException());
            assertEquals(1, openai.requestCount(), "the cancelled call was never sent");
        } finally {
            producer.stop();
        }
    }

    /** The in-memory store, counting the requests each bucket was asked for (one per permit). */
    static final class CountingLimits implements RateLimitStore {
        private final RateLimitStore delegate = new InMemoryRateLimitStore();
        private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();

        int requestsTaken(String key) {
            AtomicInteger count = taken.get(key);
            return count == null ? 0 : count.get();
        }

        @Override
        public RateLimitBucket bucket(String key, BucketConfiguration configuration) {
            RateLimitBucket bucket = delegate.bucket(key, configuration);
            AtomicInteger count = taken.computeIfAbsent(key, k -> new AtomicInteger());
            return new RateLimitBucket() {
                @Override
                public CompletableFuture<ConsumptionProbe> tryConsumeAndReturnRemaining(
                        long tokens) {
                    count.incrementAndGet();
                    return bucket.tryConsumeAndReturnRemaining(tokens);
                }

                @Override
                public CompletableFuture<Boolean> tryConsume(
                        long tokens, Duration maxWait,
                        ScheduledExecutorService timer) {
                    return bucket.tryConsume(tokens, maxWait, timer);
                }

                @Override
                public CompletableFuture<Void> addTokens(long tokens) {
                    return bucket.addTokens(tokens);
                }

                @Override
                public CompletableFuture<Long> consumeIgnoringRateLimits(long tokens) {
                    return bucket.consumeIgnoringRateLimits(tokens);
                }

                @Override
                public CompletableFuture<Long> getAvailableTokens() {
                    return bucket.getAvailableTokens();
                }
            };
        }
    }

    /** The in-memory spend store, counting reservations and settlements. */
    static final class CountingSpendStore extends InMemorySpendStore {
        final AtomicInteger reserved = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();

        @Override
        public boolean reserve(String key, String window, double usd, double limitUsd) {
            boolean admitted = super.reserve(key, window, usd, limitUsd);
            if (admitted) {
                reserved.incrementAndGet();
            }
            return admitted;
        }

        @Override
        public double settle(String key, String window, double reservedUsd, double actualUsd) {
            settled.incrementAndGet();
            return super.settle(key, window, reservedUsd, actualUsd);
        }
    }
}
