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
package io.github.camelinference.camel.inference.gateway.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The providers' sliding windows: percentiles, error rate, what counts, how old figures leave, and no lost counts. */
@Timeout(60)
class ProviderCallsTest {

    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final ProviderCalls calls = new ProviderCalls(new ProviderNames(List.of()), now::get);

    @Test
    void percentilesAreWithinABucketOfTheTruth() {
        for (long millis = 1; millis <= 1000; millis++) {
            answered("openai", millis);
        }
        CallWindow.Stats stats = calls.stats().get("openai");
        assertEquals(1000, stats.calls());
        // a bucket's upper bound: at most 2^(1/4) (19 %) above the true value, never below it
        assertTrue(stats.p50Millis() >= 500 && stats.p50Millis() <= 500 * 1.19, "p50 " + stats.p50Millis());
        assertTrue(stats.p99Millis() >= 990 && stats.p99Millis() <= 1000, "p99 " + stats.p99Millis());
    }

    @Test
    void providerFailuresAreErrorsAndCallsNoProviderCausedAreNotCounted() {
        answered("openai", 100);
        failed("openai", ErrorKind.PROVIDER_UNAVAILABLE, 50);
        failed("openai", ErrorKind.TIMEOUT, 10_000);
        failed("openai", ErrorKind.INVALID_REQUEST, 40); // the request's fault: a call, not a provider error
        failed("openai", ErrorKind.BUDGET_EXCEEDED, 0); // refused before any provider call
        failed("openai", ErrorKind.CANCELLED, 30); // the caller hung up
        // the account's own limiter refused it after a wait for its permit: never sent
        calls.onError("openai", "m", new AccountRateLimitedException(
                "openai", "acct", "requests", 1,
                Duration.ofSeconds(1)), 1000);

        CallWindow.Stats stats = calls.stats().get("openai");
        assertEquals(4, stats.calls());
        assertEquals(2, stats.errors());
        assertEquals(0.5, stats.errorRate());
        assertEquals(10_000, stats.p99Millis(), "the largest latency caps the top bucket");
    }

    @Test
    void figuresLeaveTheWindowAfterFiveMinutes() {
        failed("huggingface", ErrorKind.PROVIDER_UNAVAILABLE, 200);
        now.addAndGet(4 * 60_000);
        answered("huggingface", 20);
        assertEquals(2, calls.stats().get("huggingface").calls(), "four minutes on, both count");

        now.addAndGet(60_000);
        CallWindow.Stats stats = calls.stats().get("huggingface");
        assertEquals(1, stats.calls(), "five minutes on, the first call has left the window");
        assertEquals(0, stats.errors());

        now.addAndGet(5 * 60_000);
        stats = calls.stats().get("huggingface");
        assertEquals(0, stats.calls());
        assertNull(stats.errorRate());
        assertNull(stats.p50Millis());
    }

    @Test
    void concurrentCallsAreAllCounted() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    if (i % 10 == 0) {
                        failed("openai", ErrorKind.PROVIDER_UNAVAILABLE, i % 500);
                    } else {
                        answered("openai", i % 500);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        CallWindow.Stats stats = calls.stats().get("openai");
        assertEquals(200_000, stats.calls());
        assertEquals(20_000, stats.errors());
        assertFalse(calls.stats().containsKey("huggingface"));
    }

    private void answered(String provider, long millis) {
        calls.onAnswer(provider, "m", null, new CallInfo(provider, null, "r", millis, null));
    }

    private void failed(String provider, ErrorKind kind, long millis) {
        calls.onError(provider, "m", InferenceException.of(kind, ErrorDetails.of(provider, "test"), null), millis);
    }
}
