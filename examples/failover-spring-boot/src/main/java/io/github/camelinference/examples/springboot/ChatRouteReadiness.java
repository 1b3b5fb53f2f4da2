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
package io.github.camelinference.examples.springboot;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness probe ({@code /actuator/health/readiness}): out of service until the chat route runs, and again
 * whenever it is stopped, so a load balancer sends no request that would find no route.
 */
@Component("chatRoute")
public class ChatRouteReadiness implements HealthIndicator {

    static final String ROUTE = "chat";

    private final CamelContext camel;

    public ChatRouteReadiness(CamelContext camel) {
        this.camel = camel;
    }

    /** Whether Camel has started and the chat route is running. */
    public boolean running() {
        ServiceStatus status = camel.isStarted() ? camel.getRouteController().getRouteStatus(ROUTE) : null;
        return status != null && status.isStarted();
    }

    @Override
    public Health health() {
        return running()
                ? Health.up().withDetail("route", ROUTE).build()
                : Health.outOfService().withDetail("route", ROUTE).withDetail("reason", "not running yet").build();
    }
}
