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
import java.util.Set;

import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayRateLimitTest {

    private final RateLimitStore store = new InMemoryRateLimitStore();
    private final RequestRateLimiter limiter = new RequestRateLimiter(store);

    @Test
    void letsAMinutesRequestsThroughAtOnceThenRefusesSayingWhenTheNextWouldPass() {
        Tenant tenant = new Tenant("acme", Set.of(), 5);
        for (int i = 0; i < 5; i++) {
            assertNull(limiter.tryAcquire(tenant), "request " + i + " of the minute's 5");
        }
        Duration wait = limiter.tryAcquire(tenant);
        assertNotNull(wait, "the sixth request in a minute is refused");
        // one request comes back every 12 s (5 a minute): the wait is at most that, and not nothing
        assertTrue(wait.compareTo(Duration.ofSeconds(12)) <= 0 && wait.toMillis() > 1_000, "wait " + wait);
    }

    @Test
    void countsEachTenantApartAndLetsUnlimitedOnesThrough() {
        Tenant limited = new Tenant("acme", Set.of(), 1);
        assertNull(limiter.tryAcquire(limited));
        assertNotNull(limiter.tryAcquire(limited));
        assertNull(limiter.tryAcquire(new Tenant("globex", Set.of(), 1)));
        for (int i = 0; i < 1000; i++) {
            assertNull(limiter.tryAcquire(new Tenant("initech", Set.of(), 0)));
        }
    }

    @Test
    void gatewaysSharingAStoreShareEachTenantsMinute() {
        // two gateway instances over one store (Redis in production): together they let the tenant's minute through
        RequestRateLimiter other = new RequestRateLimiter(store);
        Tenant tenant = new Tenant("acme", Set.of(), 2);
        assertNull(limiter.tryAcquire(tenant));
        assertNull(other.tryAcquire(tenant));
        assertNotNull(limiter.tryAcquire(tenant), "the third request of the minute, on either instance, is refused");
        assertNotNull(other.tryAcquire(tenant));
    }
}
