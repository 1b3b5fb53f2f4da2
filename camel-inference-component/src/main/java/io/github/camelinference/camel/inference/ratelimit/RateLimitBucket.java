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
import java.util.concurrent.ScheduledExecutorService;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.AsyncBucketProxyAdapter;

/**
 * The operations the limiter needs from one Bucket4j token bucket, the same for a bucket in this JVM and one in a
 * shared store. Every result is a future: a store on the network completes it from its own I/O thread, and nothing here
 * waits for it.
 */
public interface RateLimitBucket {

    /** Takes the tokens if the bucket holds them; otherwise takes nothing and says how long until it would. */
    CompletableFuture<ConsumptionProbe> tryConsumeAndReturnRemaining(long tokens);

    /**
     * Reserves the tokens if they will be there within {@code maxWait}, and completes with true once they are (on the
     * scheduler, a timer: no thread waits); completes with false at once, taking nothing, when they will not.
     */
    CompletableFuture<Boolean> tryConsume(long tokens, Duration maxWait, ScheduledExecutorService scheduler);

    /** Gives tokens back (a refund), never beyond the bucket's capacity. */
    CompletableFuture<Void> addTokens(long tokens);

    /** Takes tokens whatever the bucket holds, so it may go below zero (a debit): later calls wait it off. */
    CompletableFuture<Long> consumeIgnoringRateLimits(long tokens);

    /** The tokens the bucket holds now; below zero while it is in debt. */
    CompletableFuture<Long> getAvailableTokens();

    /** A bucket in this JVM: every operation is done by the time the future is returned. */
    static RateLimitBucket of(Bucket local) {
        return of(AsyncBucketProxyAdapter.fromSync(local));
    }

    /** A bucket behind Bucket4j's asynchronous proxy: a shared store's, or one in this JVM adapted to it. */
    static RateLimitBucket of(AsyncBucketProxy remote) {
        return new RateLimitBucket() {
            @Override
            public CompletableFuture<ConsumptionProbe> tryConsumeAndReturnRemaining(long tokens) {
                return remote.tryConsumeAndReturnRemaining(tokens);
            }

            @Override
            public CompletableFuture<Boolean> tryConsume(
                    long tokens, Duration maxWait,
                    ScheduledExecutorService scheduler) {
                return remote.asScheduler().tryConsume(tokens, maxWait, scheduler);
            }

            @Override
            public CompletableFuture<Void> addTokens(long tokens) {
                return remote.addTokens(tokens);
            }

            @Override
            public CompletableFuture<Long> consumeIgnoringRateLimits(long tokens) {
                return remote.consumeIgnoringRateLimits(tokens);
            }

            @Override
            public CompletableFuture<Long> getAvailableTokens() {
                return remote.getAvailableTokens();
            }
        };
    }
}
