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

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A failover step's health, in Camel's health checks (Camel Main's health endpoint, Spring Boot's actuator through
 * camel-spring-boot): each target's breaker state and whether its own rate limiter last saw its account used up, DOWN
 * only when no target can take a call. A readiness check, not a liveness one: an outage the step fails over around
 * never restarts the service.
 */
final class FailoverHealthCheck extends AbstractHealthCheck {

    private final InferenceFailover step;

    FailoverHealthCheck(String id, InferenceFailover step) {
        super("camel", "inference-failover-" + id);
        this.step = step;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> states = step.getBreakerStates();
        states.forEach((target, state) -> builder.detail("breaker." + target, state));
        Map<String, Boolean> limited = step.getRateLimited();
        limited.forEach((target, isLimited) -> builder.detail("rateLimited." + target, isLimited));
        if (step.canTakeCall()) {
            builder.up();
        } else if (limited.containsValue(true)) {
            builder.message("no target can take a call now: each has an open circuit breaker or its provider account's"
                            + " rate limit (requestsPerMinute/tokensPerMinute) used up until it refills")
                    .down();
        } else {
            builder.message("every target's circuit breaker is open: calls fail until one lets a trial call through")
                    .down();
        }
    }
}
