package io.github.camelinference.camel.inference.routes.failover;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.AsyncProcessor;

/**
 * One target of a failover step: its position, its name in headers and logs, the step that calls it, its breaker, and
 * its inference endpoint when it is one (null otherwise), whose rate limiter the step asks.
 */
record FailoverTarget(int index, String name, AsyncProcessor processor, CircuitBreaker breaker,
                      InferenceEndpoint endpoint) {

    /** Whether the target's own rate limiter last saw its account's limit used up (cheap: no store access). */
    boolean rateLimited() {
        RateLimiter limiter = endpoint == null ? null : endpoint.rateLimiter();
        return limiter != null && limiter.isLimited();
    }
}
