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
package io.github.camelinference.camel.inference.gateway.status;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.processor.SendProcessor;

/**
 * What the status page shows, read at one moment: the providers with their calls over the last minutes, each model's
 * targets with their breakers, and each tenant's spend in the budget's window. Reading never changes a breaker's state
 * (an open breaker whose wait is over stays open until a call asks it).
 *
 * @param at            when it was read (ISO-8601, UTC)
 * @param windowMinutes the minutes the providers' figures span
 * @param budgetWindow  the tenants' budget window: {@code day} (UTC) or {@code month}
 */
public record GatewayStatus(String at, int windowMinutes, List<ProviderStatus> providers, List<ModelStatus> models,
        String budgetWindow, List<TenantStatus> tenants) {

    /**
     * A provider the routes call, with its calls over the window and how many of the breakers guarding it are open.
     *
     * @param name         its configured name ({@code gateway.provider.<name>}), else its endpoints' provider name
     * @param type         {@code openai}, {@code huggingface}, {@code azure} or {@code openai-compatible}; null when no
     *                     endpoint of it is left (calls counted before)
     * @param baseUrls     where its endpoints send
     * @param errorRate    errors per call, null without calls
     * @param p50Millis    median latency, null without calls
     * @param p99Millis    99th percentile latency, null without calls
     * @param breakers     the failover targets' breakers that guard this provider
     * @param openBreakers how many of them are open (OPEN or FORCED_OPEN)
     */
    public record ProviderStatus(String name, String type, List<String> baseUrls, long calls, long errors,
            Double errorRate,
            Long p50Millis, Long p99Millis, int breakers, int openBreakers) {
    }

    /** A public model ({@code model-<name>} route) and the targets it calls, in order. */
    public record ModelStatus(String name, List<TargetStatus> targets) {
    }

    /**
     * One target of a model: {@code provider/model}, the provider's row ({@link ProviderStatus#name}), and its breaker
     * in each failover step of the model (none when the model calls it without a failover step).
     */
    public record TargetStatus(String name, String provider, List<BreakerStatus> breakers) {
    }

    /**
     * A target's breaker in one failover step.
     *
     * @param step        the step's id ({@code smart}, {@code smart-stream} for the gateway's template)
     * @param state       resilience4j's state: CLOSED, OPEN, HALF_OPEN, FORCED_OPEN, DISABLED, METRICS_ONLY
     * @param failureRate the failure rate (%) over its window, null before its minimum number of calls
     * @param rateLimited whether the target's own rate limiter last saw its account's limit used up
     */
    public record BreakerStatus(String step, String state, Float failureRate, boolean rateLimited) {

        boolean open() {
            return "OPEN".equals(state) || "FORCED_OPEN".equals(state);
        }
    }

    /**
     * A tenant's spend in the budget's current window against its limit.
     *
     * @param spent whether its limit is reached: its next call is refused (429 {@code budget_exceeded})
     */
    public record TenantStatus(String name, double spentUsd, double limitUsd, boolean spent) {
    }

    private static final String MODEL_ROUTE = "model-";

    /** Reads the status of the gateway running in {@code camel}. */
    public static GatewayStatus read(
            CamelContext camel, Collection<Tenant> tenants, BudgetGuard budget, ProviderCalls calls) {
        ProviderNames names = calls.names();
        List<ModelStatus> models = new ArrayList<>();
        Map<String, Set<String>> baseUrls = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, int[]> breakers = new LinkedHashMap<>();
        List<Route> routes = camel.getRoutes().stream().filter(r -> r.getRouteId().startsWith(MODEL_ROUTE))
                .sorted(Comparator.comparing(Route::getRouteId)).toList();
        for (Route route : routes) {
            ModelStatus model = model(route, names);
            models.add(model);
            for (TargetStatus target : model.targets()) {
                int[] counts = breakers.computeIfAbsent(target.provider(), p -> new int[2]);
                counts[0] += target.breakers().size();
                counts[1] += (int) target.breakers().stream().filter(BreakerStatus::open).count();
            }
        }
        for (Endpoint endpoint : camel.getEndpoints()) {
            if (endpoint instanceof InferenceEndpoint inference) {
                String name = names.of(inference);
                types.putIfAbsent(name, ProviderNames.typeName(inference));
                Set<String> urls = baseUrls.computeIfAbsent(name, p -> new LinkedHashSet<>());
                String url = shown(baseUrl(inference));
                if (url != null) {
                    urls.add(url);
                }
            }
        }
        Map<String, CallWindow.Stats> stats = calls.stats();
        Set<String> rows = new LinkedHashSet<>(baseUrls.keySet());
        rows.addAll(stats.keySet());
        List<ProviderStatus> providers = new ArrayList<>();
        for (String name : rows.stream().sorted().toList()) {
            CallWindow.Stats s = stats.getOrDefault(name, new CallWindow.Stats(0, 0, null, null));
            int[] counts = breakers.getOrDefault(name, new int[2]);
            providers.add(new ProviderStatus(
                    name, types.get(name), List.copyOf(baseUrls.getOrDefault(name, Set.of())), s.calls(), s.errors(),
                    s.errorRate(), s.p50Millis(), s.p99Millis(), counts[0], counts[1]));
        }
        List<TenantStatus> spend = tenants.stream().sorted(Comparator.comparing(Tenant::name))
                .map(tenant -> {
                    double spent = budget.spent(tenant.name());
                    double limit = budget.limitUsd(tenant.name());
                    return new TenantStatus(tenant.name(), spent, limit, spent >= limit);
                }).toList();
        return new GatewayStatus(
                Instant.now().toString(), ProviderCalls.MINUTES, providers, models,
                budget.window().name().toLowerCase(), spend);
    }

    /** A model route's targets: those of its failover steps with their breakers, then any it calls directly. */
    private static ModelStatus model(Route route, ProviderNames names) {
        Map<String, String> providers = new LinkedHashMap<>();
        Map<String, List<BreakerStatus>> breakers = new LinkedHashMap<>();
        Map<Endpoint, Boolean> guarded = new IdentityHashMap<>();
        for (InferenceFailover step : CircuitBreakers.failoverSteps(route)) {
            Map<String, InferenceEndpoint> endpoints = step.getInferenceEndpoints();
            Map<String, Boolean> limited = step.getRateLimited();
            String stepId = step.getId() != null ? step.getId() : route.getRouteId();
            step.getCircuitBreakers().forEach((target, breaker) -> {
                InferenceEndpoint endpoint = endpoints.get(target);
                providers.putIfAbsent(target, endpoint != null ? names.of(endpoint) : target);
                if (endpoint != null) {
                    guarded.put(endpoint, true);
                }
                float rate = breaker.getMetrics().getFailureRate();
                breakers.computeIfAbsent(target, t -> new ArrayList<>()).add(new BreakerStatus(
                        stepId, state(breaker), rate < 0 ? null : rate, Boolean.TRUE.equals(limited.get(target))));
            });
        }
        List<InferenceEndpoint> direct = new ArrayList<>();
        collectEndpoints(route.getProcessor(), direct);
        for (InferenceEndpoint endpoint : direct) {
            if (!guarded.containsKey(endpoint)) {
                String model = endpoint.getConfiguration().getModel();
                String target = model == null ? endpoint.getProvider() : endpoint.getProvider() + "/" + model;
                providers.putIfAbsent(target, names.of(endpoint));
                breakers.computeIfAbsent(target, t -> new ArrayList<>());
            }
        }
        List<TargetStatus> targets = new ArrayList<>();
        providers.forEach((target, provider) -> targets.add(new TargetStatus(
                target, provider,
                breakers.get(target).stream().sorted(Comparator.comparing(BreakerStatus::step)).toList())));
        return new ModelStatus(route.getRouteId().substring(MODEL_ROUTE.length()), targets);
    }

    /** Where the endpoint's calls go: its base URL, the type's default, or its Azure resource's URL. */
    private static String baseUrl(InferenceEndpoint endpoint) {
        return endpoint.options() != null
                ? endpoint.options().client().baseUri().toString() : endpoint.getConfiguration().getBaseUrl();
    }

    /** A base URL without what may be a secret (user info, query), or null when there is none. */
    static String shown(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(baseUrl.trim());
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (IllegalArgumentException | URISyntaxException e) {
            return "(not a URL)";
        }
    }

    private static String state(CircuitBreaker breaker) {
        return breaker.getState().name();
    }

    /** Every inference endpoint a route sends to, in the order its steps are declared. */
    private static void collectEndpoints(Processor processor, List<InferenceEndpoint> found) {
        if (processor instanceof SendProcessor send && send.getDestination() instanceof InferenceEndpoint inference
                && !found.contains(inference)) {
            found.add(inference);
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object next : navigate.next()) {
                if (next instanceof Processor p) {
                    collectEndpoints(p, found);
                }
            }
        }
    }
}
