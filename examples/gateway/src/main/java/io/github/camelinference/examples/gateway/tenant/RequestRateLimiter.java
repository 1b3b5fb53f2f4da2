package io.github.camelinference.examples.gateway.tenant;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each tenant's requests-per-minute limit, in this gateway's memory: a token bucket per tenant holding a minute's
 * requests, refilled continuously. A request is let through or refused at once, with how long until the next one
 * would pass; nothing waits. Several gateway instances each count alone (a shared store is issue 13's rate limiter).
 */
public final class RequestRateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public RequestRateLimiter() {
        this(System::nanoTime);
    }

    RequestRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Takes one request from the tenant's minute: null when it may go on, else how long until one would pass. */
    public Duration tryAcquire(Tenant tenant) {
        if (tenant.requestsPerMinute() <= 0) {
            return null;
        }
        Bucket bucket = buckets.computeIfAbsent(tenant.name(),
                name -> new Bucket(tenant.requestsPerMinute(), nanoTime.getAsLong()));
        return bucket.tryTake(nanoTime.getAsLong());
    }

    /** A minute's requests, refilled at {@code perMinute / 60 s}. */
    private static final class Bucket {

        private static final long MINUTE_NANOS = Duration.ofMinutes(1).toNanos();

        private final int capacity;
        private final double nanosPerRequest;
        private double available;
        private long refilledAt;

        Bucket(int perMinute, long now) {
            this.capacity = perMinute;
            this.nanosPerRequest = (double) MINUTE_NANOS / perMinute;
            this.available = perMinute;
            this.refilledAt = now;
        }

        synchronized Duration tryTake(long now) {
            available = Math.min(capacity, available + (now - refilledAt) / nanosPerRequest);
            refilledAt = now;
            if (available >= 1) {
                available -= 1;
                return null;
            }
            return Duration.ofNanos((long) Math.ceil((1 - available) * nanosPerRequest));
        }
    }
}
