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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.time.Duration;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;

/**
 * Each tenant's requests-per-minute limit: a token bucket per tenant in the component's rate limit store, the same
 * store the provider accounts' limits use (issue 13). In memory it counts for this gateway alone; with the Redis store
 * ({@code gateway.redis.uri}) every gateway instance draws on one bucket per tenant. A tenant may send its whole minute
 * at once (the bucket holds a minute's requests, refilled continuously), unlike a provider account's bucket, which
 * holds one second's worth so as never to overshoot the provider's own window. A request is let through or refused at
 * once, with how long until the next would pass; nothing waits for the limit.
 */
public final class RequestRateLimiter {

    private static final String KEY_PREFIX = "gateway-tenant:";

    private final RateLimitStore store;

    public RequestRateLimiter(RateLimitStore store) {
        this.store = store;
    }

    /**
     * Takes one request from the tenant's minute: null when it may go on, else how long until one would pass. With a
     * store on the network this waits for its answer (one round trip, on the Vert.x worker that starts the route, never
     * on an event loop), as the budget's store does.
     */
    public Duration tryAcquire(Tenant tenant) {
        int perMinute = tenant.requestsPerMinute();
        if (perMinute <= 0) {
            return null;
        }
        // the limit is part of the key: a tenant whose limit is changed starts a bucket of the new size
        ConsumptionProbe probe = store.bucket(KEY_PREFIX + tenant.name() + "=" + perMinute, minute(perMinute))
                .tryConsumeAndReturnRemaining(1).join();
        return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private static BucketConfiguration minute(int perMinute) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1))
                        .initialTokens(perMinute).build())
                .build();
    }
}
