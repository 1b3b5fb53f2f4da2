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
package io.github.camelinference.camel.inference.springboot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.http.CallAuth;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.util.ClassUtils;

/**
 * {@code /actuator/health} for the inference component: per provider, whether the application's own calls reach it; per
 * circuit breaker (Camel's circuitBreaker EIP, or each target of a failover step), its state; per provider, the
 * configured models that shut down within 30 days ({@code modelShutdowns}, a warning that leaves the status as it is);
 * per Azure endpoint using Microsoft Entra ID, whether a token is held and until when ({@code entraTokens}, never the
 * token); whether the component's HTTP client runs ({@code httpClient}: UP, or why not while a client whose I/O reactor
 * died is being rebuilt). DOWN when a provider is unreachable, a breaker is open or the HTTP client is down. It is not
 * part of the liveness or readiness groups unless you add it, so a provider outage never restarts the service that is
 * failing over around it.
 */
public class InferenceHealthIndicator extends AbstractHealthIndicator {

    private static final boolean RESILIENCE4J = ClassUtils.isPresent(
            "org.apache.camel.component.resilience4j.ResilienceProcessor", InferenceHealthIndicator.class.getClassLoader());
    private static final boolean FAILOVER_STEP = ClassUtils.isPresent(
            "io.github.camelinference.camel.inference.routes.failover.InferenceFailover",
            InferenceHealthIndicator.class.getClassLoader());

    private final ProviderReachability reachability;
    private final CamelContext camel;

    public InferenceHealthIndicator(ProviderReachability reachability, CamelContext camel) {
        super("inference health check failed");
        this.reachability = reachability;
        this.camel = camel;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean up = true;
        Map<String, Object> providers = new LinkedHashMap<>();
        for (Map.Entry<String, ProviderReachability.State> entry : reachability.states().entrySet()) {
            ProviderReachability.State state = entry.getValue();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("reachable", state.reachable());
            detail.put("failuresInARow", state.failuresInARow());
            detail.put("lastAnswer", state.lastAnswer() == null ? "never" : state.lastAnswer().toString());
            if (state.lastError() != null) {
                detail.put("lastError", state.lastError());
            }
            providers.put(entry.getKey(), detail);
            up &= state.reachable();
        }
        builder.withDetail("providers", providers);
        if (camel.hasComponent("inference") instanceof InferenceComponent component) {
            // DOWN from the moment an HTTP client loses an I/O thread until its replacement has started
            String clientDown = component.getHttpClientDownReason();
            builder.withDetail("httpClient", clientDown == null ? "UP" : clientDown);
            up &= clientDown == null;
        }
        Map<String, Set<String>> shutdowns = modelShutdowns();
        if (!shutdowns.isEmpty()) {
            // a warning, not an outage: the model still answers until its date, so health stays as it is
            builder.withDetail("modelShutdowns", shutdowns);
        }
        Map<String, Object> tokens = entraTokens();
        if (!tokens.isEmpty()) {
            // no token is an error of the calls that need one, which the providers' reachability reports
            builder.withDetail("entraTokens", tokens);
        }
        Map<String, String> breakers = new LinkedHashMap<>();
        for (Route route : camel.getRoutes()) {
            collect(route.getRouteId(), route.getProcessor(), breakers);
        }
        if (RESILIENCE4J || FAILOVER_STEP) {
            builder.withDetail("circuitBreakers", breakers);
            up &= !breakers.containsValue("OPEN");
        }
        if (up) {
            builder.up();
        } else {
            builder.down();
        }
    }

    /** Per provider, the configured models that shut down within 30 days by the provider's model list. */
    private Map<String, Set<String>> modelShutdowns() {
        Map<String, Set<String>> shutdowns = new TreeMap<>();
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof InferenceEndpoint inference) {
                String warning = inference.getModelShutdownWarning();
                if (warning != null) {
                    shutdowns.computeIfAbsent(inference.getProvider(), p -> new TreeSet<>()).add(warning);
                }
            }
        }
        return shutdowns;
    }

    /** Per provider using Microsoft Entra ID: whether a token is held, when it expires, why the last fetch failed. */
    private Map<String, Object> entraTokens() {
        Map<String, Object> tokens = new TreeMap<>();
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof InferenceEndpoint inference && inference.getTokenStatus() != null) {
                CallAuth.TokenStatus status = inference.getTokenStatus();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("held", status.held());
                detail.put("expiresAt", status.expiresAt() == null ? "never held" : status.expiresAt().toString());
                if (status.lastFailure() != null) {
                    detail.put("lastFailure", status.lastFailure());
                }
                tokens.put(inference.getProvider(), detail);
            }
        }
        return tokens;
    }

    /** Walks a route for breakers: Camel's circuitBreaker EIP, and each target of a failover step. */
    private static void collect(String routeId, Processor processor, Map<String, String> states) {
        if (RESILIENCE4J) {
            EipBreakers.collect(routeId, processor, states);
        }
        if (FAILOVER_STEP) {
            FailoverStepBreakers.collect(routeId, processor, states);
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object next : navigate.next()) {
                if (next instanceof Processor p) {
                    collect(routeId, p, states);
                }
            }
        }
    }

    /** Kept apart so the class loads without camel-resilience4j. */
    private static final class EipBreakers {

        static void collect(String routeId, Processor processor, Map<String, String> states) {
            if (processor instanceof ResilienceProcessor breaker) {
                states.put(routeId + (breaker.getId() == null ? "" : "/" + breaker.getId()),
                        breaker.getCircuitBreakerState());
            }
        }
    }

    /** Kept apart so the class loads without camel-inference-routes. */
    private static final class FailoverStepBreakers {

        static void collect(String routeId, Processor processor, Map<String, String> states) {
            if (processor instanceof InferenceFailover step) {
                step.getBreakerStates().forEach((target, state) -> states.put(routeId + "/" + target, state));
            }
        }
    }
}
