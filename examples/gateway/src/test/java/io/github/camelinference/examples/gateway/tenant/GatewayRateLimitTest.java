package io.github.camelinference.examples.gateway.tenant;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class GatewayRateLimitTest {

    private final AtomicLong now = new AtomicLong();
    private final RequestRateLimiter limiter = new RequestRateLimiter(now::get);

    @Test
    void refusesTheRequestOverAMinutesAllowanceSayingWhenTheNextWouldPass() {
        Tenant tenant = new Tenant("acme", Set.of(), 60); // one a second
        for (int i = 0; i < 60; i++) {
            assertNull(limiter.tryAcquire(tenant), "request " + i);
        }
        assertEquals(Duration.ofSeconds(1), limiter.tryAcquire(tenant));
        now.addAndGet(Duration.ofMillis(400).toNanos());
        assertEquals(Duration.ofMillis(600), limiter.tryAcquire(tenant));
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertNull(limiter.tryAcquire(tenant));
    }

    @Test
    void countsEachTenantApartAndLetsUnlimitedOnesThrough() {
        Tenant limited = new Tenant("acme", Set.of(), 1);
        assertNull(limiter.tryAcquire(limited));
        assertEquals(Duration.ofMinutes(1), limiter.tryAcquire(limited));
        assertNull(limiter.tryAcquire(new Tenant("globex", Set.of(), 1)));
        for (int i = 0; i < 1000; i++) {
            assertNull(limiter.tryAcquire(new Tenant("initech", Set.of(), 0)));
        }
    }
}
