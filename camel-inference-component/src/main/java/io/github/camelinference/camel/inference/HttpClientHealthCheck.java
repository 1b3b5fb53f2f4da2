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
package io.github.camelinference.camel.inference;

import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/**
 * The component's HTTP clients in Camel's health checks (Camel Main's health endpoint, Spring Boot's actuator through
 * camel-spring-boot): DOWN from the moment a client loses an I/O thread until its replacement has started, with the
 * reason. Registered by the component when the CamelContext has a health check registry (camel-health). A readiness
 * check, not a liveness one: the component rebuilds the client by itself, so a restart is never what fixes it.
 */
final class HttpClientHealthCheck implements HealthCheck {

    static final String ID = "inference-http-client";

    private final InferenceComponent component;
    private volatile boolean enabled = true;

    HttpClientHealthCheck(InferenceComponent component) {
        this.component = component;
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    public Result call(Map<String, Object> options) {
        HealthCheckResultBuilder builder = HealthCheckResultBuilder.on(this);
        builder.detail("rebuilds", component.getHttpClientRebuilds());
        String down = component.getHttpClientDownReason();
        if (down == null) {
            return builder.up().build();
        }
        return builder.message(down + "; calls fail until the new client has started").down().build();
    }
}
