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

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Hears the end of every call the component makes, for metrics or audit (the Spring Boot starter records OpenTelemetry
 * GenAI metrics with it). Called on the component's threads: keep it quick and never throw.
 * <p>
 * The component tells each call's end with the endpoint that made it
 * ({@link #onAnswer(InferenceEndpoint, String, ChatResponse, CallInfo)},
 * {@link #onError(InferenceEndpoint, String, InferenceException, long)}), which by default passes on the endpoint's
 * provider name. An observer that must tell apart endpoints of one provider name (two {@code inference:openai}
 * endpoints with other base URLs or keys) overrides those.
 */
public interface CallObserver {

    /** A call answered (for a stream: when the stream has ended well). */
    void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info);

    /** A call failed, after {@code latencyMillis}. */
    void onError(String provider, String requestModel, InferenceException error, long latencyMillis);

    /** A call of this endpoint answered; by default {@link #onAnswer(String, String, ChatResponse, CallInfo)}. */
    default void onAnswer(InferenceEndpoint endpoint, String requestModel, ChatResponse response, CallInfo info) {
        onAnswer(endpoint.getProvider(), requestModel, response, info);
    }

    /** A call of this endpoint failed; by default {@link #onError(String, String, InferenceException, long)}. */
    default void onError(
            InferenceEndpoint endpoint, String requestModel, InferenceException error,
            long latencyMillis) {
        onError(endpoint.getProvider(), requestModel, error, latencyMillis);
    }

    /**
     * A call went to {@code toModel} in place of {@code fromModel}, which is retired: {@code reason} is
     * {@code shutdown-date} or {@code model-not-found}.
     */
    default void onModelSubstituted(String provider, String fromModel, String toModel, String reason) {
    }
}
