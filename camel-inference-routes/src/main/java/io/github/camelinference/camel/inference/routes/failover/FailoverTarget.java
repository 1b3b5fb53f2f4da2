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
