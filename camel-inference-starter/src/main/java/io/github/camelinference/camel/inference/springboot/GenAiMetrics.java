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

import java.time.Duration;
import java.util.Locale;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Records every call as the OpenTelemetry GenAI semantic conventions name it: {@code gen_ai.client.operation.duration}
 * (with {@code error.type} on failures) and {@code gen_ai.client.token.usage} by {@code gen_ai.token.type}, tagged with
 * {@code gen_ai.provider.name} and {@code gen_ai.request.model}.
 */
public class GenAiMetrics implements CallObserver {

    static final String DURATION = "gen_ai.client.operation.duration";
    static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    static final String SUBSTITUTIONS = "inference.model.substitutions";

    private final MeterRegistry registry;

    public GenAiMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info) {
        Tags tags = tags(provider, requestModel).and("gen_ai.response.model", String.valueOf(response.model()));
        Timer.builder(DURATION).description("Duration of GenAI client operations").tags(tags)
                .register(registry).record(Duration.ofMillis(info.latencyMillis()));
        tokens(tags, "input", response.usage().promptTokens());
        tokens(tags, "output", response.usage().completionTokens());
    }

    @Override
    public void onError(String provider, String requestModel, InferenceException error, long latencyMillis) {
        Timer.builder(DURATION).description("Duration of GenAI client operations")
                .tags(tags(provider, requestModel).and("error.type", error.getKind().name().toLowerCase(Locale.ROOT)))
                .register(registry).record(Duration.ofMillis(latencyMillis));
    }

    /** Calls sent to a retired model's successor, by the model asked for, the successor and why. */
    @Override
    public void onModelSubstituted(String provider, String fromModel, String toModel, String reason) {
        Counter.builder(SUBSTITUTIONS).description("Calls sent to a retired model's successor instead")
                .tags("gen_ai.provider.name", provider, "gen_ai.request.model", fromModel, "successor", toModel,
                        "reason", reason)
                .register(registry).increment();
    }

    private void tokens(Tags tags, String type, Integer count) {
        if (count != null) {
            DistributionSummary.builder(TOKEN_USAGE).description("Tokens used by GenAI client operations")
                    .baseUnit("{token}").tags(tags.and("gen_ai.token.type", type)).register(registry).record(count);
        }
    }

    private static Tags tags(String provider, String requestModel) {
        return Tags.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", provider, "gen_ai.request.model",
                requestModel);
    }
}
