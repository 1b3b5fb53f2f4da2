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

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.RateLimitedException;

/**
 * Hears every call of the {@code inference:} component and keeps a {@link CallWindow} per provider for the status page,
 * a provider being the configured one the call's endpoint belongs to ({@link ProviderNames}). An error is a failure on
 * the provider's side (one another provider might not have: 5xx, timeouts, cut streams, 429, …); a call the budget
 * refused or the caller cancelled reached no provider, or ended for a reason no provider caused, and is not counted at
 * all. A stream's latency is the whole stream's.
 */
public final class ProviderCalls implements CallObserver {

    /** How many minutes the window spans, the current one included. */
    public static final int MINUTES = 5;

    private final Map<String, CallWindow> windows = new ConcurrentHashMap<>();
    private final ProviderNames names;
    private final LongSupplier clock;

    public ProviderCalls(ProviderNames names) {
        this(names, System::currentTimeMillis);
    }

    ProviderCalls(ProviderNames names, LongSupplier clock) {
        this.names = names;
        this.clock = clock;
    }

    /** Which configured provider each endpoint calls. */
    ProviderNames names() {
        return names;
    }

    @Override
    public void onAnswer(InferenceEndpoint endpoint, String requestModel, ChatResponse response, CallInfo info) {
        onAnswer(names.of(endpoint), requestModel, response, info);
    }

    @Override
    public void onError(InferenceEndpoint endpoint, String requestModel, InferenceException error, long latencyMillis) {
        onError(names.of(endpoint), requestModel, error, latencyMillis);
    }

    /** A call answered, counted under this provider name. */
    @Override
    public void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info) {
        window(provider).record(info.latencyMillis(), false);
    }

    /** A call failed, counted under this provider name. */
    @Override
    public void onError(String provider, String requestModel, InferenceException error, long latencyMillis) {
        ErrorKind kind = error.getKind();
        // why the limiter's own refusal: a call that waited for its permit and was refused is told as a failure too,
        // though it reached no provider (the failover step leaves its breaker alone for the same reason)
        if (kind == ErrorKind.BUDGET_EXCEEDED || kind == ErrorKind.CANCELLED
                || error instanceof RateLimitedException limited && limited.isClientSide()) {
            return;
        }
        window(provider).record(latencyMillis, kind.isFailoverable());
    }

    private CallWindow window(String provider) {
        String name = provider == null ? "(unknown)" : provider;
        CallWindow window = windows.get(name);
        return window != null ? window : windows.computeIfAbsent(name, p -> new CallWindow(MINUTES, clock));
    }

    /** Each provider that was called, by name. */
    Map<String, CallWindow.Stats> stats() {
        Map<String, CallWindow.Stats> stats = new TreeMap<>();
        windows.forEach((provider, window) -> stats.put(provider, window.stats()));
        return stats;
    }
}
