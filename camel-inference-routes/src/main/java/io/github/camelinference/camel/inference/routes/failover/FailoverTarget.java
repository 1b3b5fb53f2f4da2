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
import org.apache.camel.Endpoint;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.processor.SendProcessor;

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

    /**
     * Whether the target can take a call now: its provider account is not rate-limited by its own limiter (as this
     * instance last saw it) and its breaker lets a call through; an open breaker whose wait is over turns half-open, as
     * a call would.
     */
    boolean canTakeCall() {
        if (rateLimited()) {
            return false;
        }
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.FORCED_OPEN) {
            return false;
        }
        if (state != CircuitBreaker.State.OPEN) {
            return true;
        }
        // why: the breakers never leave OPEN on a timer (automaticTransitionFromOpenToHalfOpenEnabled is off), so a
        // paused consumer that only looked at the state would wait for a call that never comes; ask for a permission
        // as a call would, and hand it back at once
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            return true;
        }
        return false;
    }

    /** A target's name: the inference endpoint's provider and model, else its endpoint URI, else its position. */
    static String defaultName(Processor processor, int index) {
        Endpoint endpoint = endpointOf(processor);
        if (endpoint instanceof InferenceEndpoint inference) {
            String model = inference.getConfiguration().getModel();
            return model == null ? inference.getProvider() : inference.getProvider() + "/" + model;
        }
        if (endpoint != null) {
            return endpoint.getEndpointKey();
        }
        return "target" + (index + 1);
    }

    /** The endpoint a target's {@code to} step sends to, or null when it is not a plain send. */
    static Endpoint endpointOf(Processor processor) {
        if (processor instanceof SendProcessor send) {
            return send.getDestination();
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object next : navigate.next()) {
                Endpoint found = next instanceof Processor p ? endpointOf(p) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
