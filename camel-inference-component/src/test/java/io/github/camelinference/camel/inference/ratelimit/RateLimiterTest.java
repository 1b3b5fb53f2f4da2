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
package io.github.camelinference.camel.inference.ratelimit;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limiter on the in-memory store: reserve and settle, refunds and debits, learning from the provider's headers,
 * waiting on a timer or failing at once. Limits of one per minute refill so slowly (one token a minute) that the counts
 * read back are exact within a test's few milliseconds.
 */
class RateLimiterTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private long available(String key, long perMinute) {
        return store.bucket(key, RateLimiter.configuration(perMinute)).getAvailableTokens().join();
    }

    @Test
    void aBucketHoldsOneSecondsWorthAtLeastOne() {
        assertEquals(1, RateLimiter.capacity(1));
        assertEquals(1, RateLimiter.capacity(119));
        assertEquals(2, RateLimiter.capacity(120));
        assertEquals(50_000, RateLimiter.capacity(3_000_000));
    }

    @Test
    void aCallPastTheRequestsLimitFailsAtOnceNamingTheAccountTheLimitAndWhenItFrees() {
        RateLimiter limiter = new RateLimiter(store, "openai", "openai-prod", 120, 0, timers);
        limiter.acquire(0, Duration.ZERO).join();
        limiter.acquire(0, Duration.ZERO).join();
        assertFalse(limiter.isLimited());

        CompletionException refused = assertThrows(CompletionException.class,
                () -> limiter.acquire(0, Duration.ZERO).join());
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class, refused.getCause());
        assertTrue(error.isClientSide());
        assertEquals("openai-prod", error.getAccount());
        assertEquals(RateLimiter.REQUESTS, error.getLimit());
        assertEquals(120, error.getPerMinute());
        // 120 a minute is one every 500 ms: the next one is due within that
        assertTrue(error.getRetryAfterMillis() > 0 && error.getRetryAfterMillis() <= 500, error.getMessage());
        assertTrue(error.getMessage().contains("openai-prod") && error.getMessage().contains("120 requests per minute"),
                error.getMessage());
        assertTrue(limiter.isLimited(), "the refusal marks the account limited until the next request is due");
    }

    @Test
    void aCallWaitsOnTheTimerForItsTurnWithinMaxWait() {
        RateLimiter limiter = new RateLimiter(store, "openai", "waits", 120, 0, timers);
        limiter.acquire(0, Duration.ZERO).join();
        limiter.acquire(0, Duration.ZERO).join();
        long start = System.nanoTime();
        CompletableFuture<RateLimiter.Permit> third = limiter.acquire(0, Duration.ofSeconds(5));
        CompletableFuture<RateLimiter.Permit> fourth = limiter.acquire(0, Duration.ofSeconds(5));
        assertFalse(third.isDone(), "the third call waits for its token instead of failing");
        third.join();
        fourth.join();
        // tokens come every 500 ms: the fourth cannot be let through before two of them were due
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 900);
    }

    @Test
    void aCallThatWouldWaitLongerThanMaxWaitFailsAtOnce() {
        RateLimiter limiter = new RateLimiter(store, "openai", "too-long", 1, 0, timers);
        limiter.acquire(0, Duration.ZERO).join();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> limiter.acquire(0, Duration.ofSeconds(2)).join());
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class, refused.getCause());
        assertTrue(error.getRetryAfterMillis() > 50_000, "one a minute: the next is due in about a minute");
    }

    @Test
    void unusedTokensAreGivenBackAndTokensBeyondTheEstimateAreTaken() {
        RateLimiter limiter = new RateLimiter(store, "openai", "tokens", 0, 1, timers);
        // a bucket of one token: the call takes it and the other 82 as debt
        RateLimiter.Permit permit = limiter.acquire(83, Duration.ZERO).join();
        assertEquals(-82, available("tokens:tpm=1", 1));
        permit.settle(new Usage(3, 2, 5, null, null));
        assertEquals(-4, available("tokens:tpm=1", 1), "78 of the 83 reserved were not used and came back");

        RateLimiter other = new RateLimiter(store, "openai", "debit", 0, 1, timers);
        other.acquire(10, Duration.ZERO).join().settle(new Usage(20, 15, null, null, null));
        assertEquals(-34, available("debit:tpm=1", 1), "35 used against 10 reserved: 25 more are taken");
    }

    @Test
    void aCallNeverSentGivesBackItsRequestAndTokens() {
        RateLimiter limiter = new RateLimiter(store, "openai", "unsent", 1, 1, timers);
        RateLimiter.Permit permit = limiter.acquire(1, Duration.ZERO).join();
        assertEquals(0, available("unsent:rpm=1", 1));
        permit.release();
        assertEquals(1, available("unsent:rpm=1", 1));
        assertEquals(1, available("unsent:tpm=1", 1));
    }

    @Test
    void aCallRefusedByTheTokensLimitGivesItsRequestBack() {
        RateLimiter limiter = new RateLimiter(store, "openai", "both", 1, 1, timers);
        limiter.acquire(5, Duration.ZERO).join(); // tokens now in debt
        assertEquals(0, available("both:rpm=1", 1));
        store.bucket("both:rpm=1", RateLimiter.configuration(1)).addTokens(1).join();

        CompletionException refused = assertThrows(CompletionException.class,
                () -> limiter.acquire(5, Duration.ZERO).join());
        assertEquals(RateLimiter.TOKENS, ((AccountRateLimitedException) refused.getCause()).getLimit());
        assertEquals(1, available("both:rpm=1", 1), "the request taken before the tokens were refused came back");
    }

    @Test
    void theProvidersRemainingDrainsOurBucketAndNoneLeftHoldsItUntilTheReset() {
        RateLimiter limiter = new RateLimiter(store, "openai", "learns", 600, 0, timers);
        assertEquals(10, available("learns:rpm=600", 600));
        limiter.learn(name -> name.equals("x-ratelimit-remaining-requests") ? "3" : null);
        assertEquals(2, available("learns:rpm=600", 600), "the provider has 3 left: we keep one less, a margin");

        limiter.learn(name -> switch (name) {
            case "x-ratelimit-remaining-requests" -> "0";
            case "x-ratelimit-reset-requests" -> "2s";
            default -> null;
        });
        // 600 a minute is 10 a second: 2 s of refill bring the bucket from -20 to 0, its next token no sooner
        long left = available("learns:rpm=600", 600);
        assertTrue(left <= -19 && left >= -20, "drained to " + left);
        assertTrue(limiter.isLimited());
        CompletionException refused = assertThrows(CompletionException.class,
                () -> limiter.acquire(0, Duration.ZERO).join());
        long wait = ((AccountRateLimitedException) refused.getCause()).getRetryAfterMillis();
        assertTrue(wait > 1900 && wait <= 2100, "the next call fits after the provider's reset, in " + wait + " ms");
    }

    @Test
    void aProviderWithMoreLeftThanOurBucketHoldsChangesNothing() {
        RateLimiter limiter = new RateLimiter(store, "openai", "generous", 600, 0, timers);
        limiter.learn(name -> name.equals("x-ratelimit-remaining-requests") ? "5000" : null);
        limiter.learn(name -> name.equals("x-ratelimit-remaining-requests") ? "not a number" : null);
        assertEquals(10, available("generous:rpm=600", 600));
    }

    @Test
    void resetHeadersReadAsGoDurations() {
        assertEquals(Duration.ofMinutes(6), RateLimitHeaders.duration("6m0s"));
        assertEquals(Duration.ofSeconds(1), RateLimitHeaders.duration("1s"));
        assertEquals(Duration.ofMillis(20), RateLimitHeaders.duration("20ms"));
        assertEquals(Duration.ofMillis(1500), RateLimitHeaders.duration("1.5s"));
        assertEquals(Duration.ofMinutes(61).plusMillis(500), RateLimitHeaders.duration("1h1m0.5s"));
        assertEquals(Duration.ofSeconds(3), RateLimitHeaders.duration("3"));
        assertEquals(null, RateLimitHeaders.duration("soon"));
        assertEquals(null, RateLimitHeaders.duration("5s later"));
        assertNotEquals(null, RateLimitHeaders.duration(" 12ms "));
    }
}
