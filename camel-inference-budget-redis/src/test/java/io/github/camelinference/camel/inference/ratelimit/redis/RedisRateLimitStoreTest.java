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
package io.github.camelinference.camel.inference.ratelimit.redis;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.simulator.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limiter's buckets in a real Redis on loopback, each instance with its own connection (two stores here are two
 * service instances): one account's limits are shared, refunds and debits reach the shared bucket, a wait is a timer.
 * Limits of one a minute refill so slowly that counts read back are exact.
 */
class RedisRateLimitStoreTest {

    private static LocalRedis redis;
    private static RedisRateLimitStore first;
    private static RedisRateLimitStore second;
    private static ScheduledExecutorService timers;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        first = RedisRateLimitStore.connect(redis.uri(), "test:");
        second = RedisRateLimitStore.connect(redis.uri(), "test:");
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stop() throws Exception {
        timers.shutdownNow();
        first.close();
        second.close();
        redis.close();
    }

    private static long available(String key, long perMinute) {
        return first.bucket(key, RateLimiter.configuration(perMinute)).getAvailableTokens().join();
    }

    @Test
    void twoInstancesDrawOnOneAccountsRequests() {
        RateLimiter one = new RateLimiter(first, "openai", "shared", 1, 0, timers);
        RateLimiter other = new RateLimiter(second, "openai", "shared", 1, 0, timers);
        one.acquire(0, Duration.ZERO).join();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> other.acquire(0, Duration.ZERO).join());
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class, refused.getCause());
        assertEquals("shared", error.getAccount());
        assertTrue(other.isLimited());
        assertFalse(one.isLimited(), "each instance knows only what it saw itself");
    }

    @Test
    void refundsAndDebitsReachTheSharedBucket() {
        RateLimiter one = new RateLimiter(first, "openai", "tokens", 0, 1, timers);
        RateLimiter other = new RateLimiter(second, "openai", "tokens", 0, 1, timers);
        RateLimiter.Permit permit = one.acquire(83, Duration.ZERO).join();
        assertEquals(-82, available("tokens:tpm=1", 1));
        permit.settle(new Usage(3, 2, 5, null, null)).join();
        assertEquals(-4, available("tokens:tpm=1", 1), "78 unused tokens came back");
        assertThrows(CompletionException.class, () -> other.acquire(1, Duration.ZERO).join(),
                "the other instance sees the debt");

        RateLimiter debtor = new RateLimiter(second, "openai", "debit", 0, 1, timers);
        debtor.acquire(10, Duration.ZERO).join().settle(new Usage(20, 15, 35, null, null)).join();
        assertEquals(-34, available("debit:tpm=1", 1), "35 used against 10 reserved: 25 more were taken");
    }

    @Test
    void aWaitingCallIsLetThroughByTheTimerWhenItsTokenIsDue() {
        RateLimiter one = new RateLimiter(first, "openai", "waits", 120, 0, timers);
        RateLimiter other = new RateLimiter(second, "openai", "waits", 120, 0, timers);
        one.acquire(0, Duration.ZERO).join();
        other.acquire(0, Duration.ZERO).join();
        long start = System.nanoTime();
        one.acquire(0, Duration.ofSeconds(5)).join();
        other.acquire(0, Duration.ofSeconds(5)).join();
        // 120 a minute is one every 500 ms, shared: the fourth cannot be let through before two were due
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 900);
    }

    @Test
    void learningFromTheProviderDrainsTheSharedBucket() {
        RateLimiter one = new RateLimiter(first, "openai", "learned", 600, 0, timers);
        RateLimiter other = new RateLimiter(second, "openai", "learned", 600, 0, timers);
        one.learn(name -> switch (name) {
            case "x-ratelimit-remaining-requests" -> "0";
            case "x-ratelimit-reset-requests" -> "30s";
            default -> null;
        }).join();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> other.acquire(0, Duration.ZERO).join());
        long wait = ((AccountRateLimitedException) refused.getCause()).getRetryAfterMillis();
        assertTrue(wait > 25_000, "the shared bucket frees after the provider's reset, in " + wait + " ms");
    }
}
