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
package io.github.camelinference.camel.inference.budget.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.LocalRedis;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two CamelContexts — two instances of a service — share one budget through a real Redis server on loopback (Debian's
 * redis-server, installed by bin/install-test-services; the test starts its own instance on a free port).
 */
class SharedBudgetTest {

    /** One "Hello" answer from the simulated gpt-5-mini: (1 × 0.25 + 4 × 2.00) / 1e6 USD. */
    private static final double PER_HELLO = (1 * 0.25 + 4 * 2.00) / 1e6;

    private static LocalRedis redisServer;
    private static int redisPort;
    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator openai;

    @BeforeAll
    static void startRedis() throws Exception {
        redisServer = LocalRedis.start();
        redisPort = redisServer.port();
    }

    @AfterAll
    static void stopRedis() {
        if (redisServer != null) {
            redisServer.close();
        }
    }

    /** One service instance: its own CamelContext and component, the budget in the shared Redis. */
    private static CamelContext instance(JedisPooled redis) {
        return instance(redis, "", 2.5 * PER_HELLO);
    }

    /** One service instance spending a budget of limitUsd kept under the given Redis namespace. */
    private static CamelContext instance(JedisPooled redis, String namespace, double limitUsd) {
        CamelContext camel = new DefaultCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        camel.getRegistry().bind("budget", new BudgetGuard(
                new RedisSpendStore(redis, "camel-inference-test:" + namespace, Duration.ofDays(2)), limitUsd,
                BudgetGuard.Window.DAY, Clock.systemUTC()));
        camel.start();
        return camel;
    }

    private static Exchange ask(CamelContext camel) {
        return camel.createProducerTemplate().request("inference:openai?baseUrl=" + openai.baseUrl()
                                                      + "&apiKey=sk-test&budgetGuard=#budget&budgetKey=acme",
                e -> e.getMessage().setBody("Hello"));
    }

    @Test
    void twoInstancesSpendOneBudget() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
            CamelContext first = instance(redis);
            CamelContext second = instance(redis);
            try {
                assertNull(ask(first).getException());
                assertNull(ask(second).getException());
                assertEquals(2 * PER_HELLO, first.getRegistry().lookupByNameAndType("budget", BudgetGuard.class)
                        .spent("acme"), 1e-12, "the first instance sees the second's spend");
                assertNull(ask(first).getException()); // 3 x 8.25e-6 > 2.5 x: the limit is now passed

                Exchange refused = ask(second);
                assertTrue(refused.getException() instanceof BudgetExceededException,
                        "the second instance refuses once the shared budget is spent: " + refused.getException());
                assertEquals(3, openai.requestCount(), "the refused call never reached the provider");
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void twoInstancesHoldEachKeyToItsOwnLimit() {
        openai.reset();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
            CamelContext first = instance(redis, "perKey", 2.5 * PER_HELLO);
            CamelContext second = instance(redis, "perKey", 2.5 * PER_HELLO);
            for (CamelContext camel : List.of(first, second)) {
                camel.getRegistry().lookupByNameAndType("budget", BudgetGuard.class)
                        .limit("small", 1.5 * PER_HELLO).limit("large", 5.5 * PER_HELLO);
            }
            try {
                // a key may start a call while it has spent less than its limit, whichever instance it asks
                assertEquals(2, answeredUntilRefused(first, second, "small"));
                assertEquals(3, answeredUntilRefused(first, second, "medium"), "no limit of its own: the default");
                assertEquals(6, answeredUntilRefused(first, second, "large"));
            } finally {
                first.stop();
                second.stop();
                openai.reset(); // the other tests count the provider's requests from zero
            }
        }
    }

    /** Asks the two instances in turn for the key until one refuses; returns how many calls were answered. */
    private static int answeredUntilRefused(CamelContext first, CamelContext second, String key) {
        for (int answered = 0; answered < 20; answered++) {
            CamelContext camel = answered % 2 == 0 ? first : second;
            Exchange result = camel.createProducerTemplate().request("inference:openai?baseUrl=" + openai.baseUrl()
                                                                     + "&apiKey=sk-test&budgetGuard=#budget&budgetKey=" + key,
                    e -> e.getMessage().setBody("Hello"));
            if (result.getException() != null) {
                assertTrue(result.getException() instanceof BudgetExceededException,
                        String.valueOf(result.getException()));
                return answered;
            }
        }
        throw new AssertionError("the budget of " + key + " was never spent");
    }

    /**
     * The most a "Hello" call with maxTokens=1000 can cost: a 33-token prompt bound at 1 USD and 1000 tokens at 100.
     */
    private static final double MAX_PER_CALL = (33 * 1.0 + 1000 * 100.0) / 1e6;
    private static final double COST_PER_CALL = (10 * 1.0 + 1000 * 100.0) / 1e6;

    @Test
    void fiftyParallelCallsFromTwoInstancesOverspendAtMostOneCallsMaximum() throws Exception {
        openai.reset();
        openai.always(Reply.json(200, "{\"id\":\"c\",\"model\":\"priced\",\"choices\":[{\"index\":0,\"message\":"
                                      + "{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                                      + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1000}}")
                .delayed(Duration.ofMillis(300)));
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
            CamelContext first = instance(redis, "parallel", 1.0);
            CamelContext second = instance(redis, "parallel", 1.0);
            try {
                List<CompletableFuture<Exchange>> calls = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    CamelContext camel = i % 2 == 0 ? first : second;
                    calls.add(camel.createProducerTemplate().asyncSend("inference:openai?baseUrl=" + openai.baseUrl()
                                                                       + "&apiKey=sk-test&budgetGuard=#budget&budgetKey=acme&inputPrice=1&outputPrice=100"
                                                                       + "&maxTokens=1000",
                            e -> e.getMessage().setBody("Hello")));
                }
                int answered = 0;
                for (CompletableFuture<Exchange> call : calls) {
                    Exchange done = call.get(30, TimeUnit.SECONDS);
                    if (done.getException() == null) {
                        answered++;
                    } else {
                        assertTrue(done.getException() instanceof BudgetExceededException,
                                String.valueOf(done.getException()));
                    }
                }
                double spent = first.getRegistry().lookupByNameAndType("budget", BudgetGuard.class).spent("acme");
                System.out.printf("50 parallel calls from two instances against 1 USD on Redis: %d answered,"
                                  + " spent %.6f USD (one call at most %.6f USD)%n",
                        answered, spent, MAX_PER_CALL);
                assertEquals(answered, openai.requestCount(), "refused calls never reach the provider");
                assertEquals(answered * COST_PER_CALL, spent, 1e-9, "every reservation settled to the real cost");
                assertTrue(spent - 1.0 <= MAX_PER_CALL, "overspend " + (spent - 1.0) + " USD with " + answered
                                                        + " calls exceeds one call's maximum " + MAX_PER_CALL);
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    @Test
    void reservationsFromManyThreadsNeverPassTheLimitByMoreThanOne() throws Exception {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", redisPort)) {
            RedisSpendStore store = new RedisSpendStore(redis, "camel-inference-test:threads:", Duration.ofMinutes(5));
            ExecutorService threads = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger granted = new AtomicInteger();
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                done.add(threads.submit(() -> {
                    start.await();
                    if (store.reserve("acme", "DAY:x", 0.1, 1.0)) {
                        granted.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
            threads.shutdown();
            assertEquals(10, granted.get(), "0.1 at a time against 1.0: exactly ten reservations fit");
            assertEquals(1.0, store.get("acme", "DAY:x"), 1e-9);
            assertEquals(0.94, store.settle("acme", "DAY:x", 0.1, 0.04), 1e-9, "a settle replaces 0.1 by 0.04");
            assertFalse(store.reserve("acme", "DAY:x", 0.1, 0.2), "spent is past a lower limit");
            assertTrue(redis.ttl("camel-inference-test:threads:DAY:x:acme") > 0, "the counter expires");
        }
    }
}
