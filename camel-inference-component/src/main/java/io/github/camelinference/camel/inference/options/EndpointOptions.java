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
package io.github.camelinference.camel.inference.options;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.BoundTool;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.StructuredOutput;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.lifecycle.ModelSuccession;
import io.github.camelinference.camel.inference.provider.AzureDeployment;
import io.github.camelinference.camel.inference.provider.ProviderType;

/**
 * An endpoint's options as its calls use them: checked, defaulted and derived once, when the endpoint is created, by
 * {@link OptionsResolver}, and never changed afterwards. Nothing here knows Camel.
 *
 * @param provider   the endpoint's provider name, as the URI gives it
 * @param model      the model a message gets unless it names one: the option, else the provider's default; on Azure the
 *                   deployment
 * @param client     where calls go and how: base URI, API key, headers, the timeouts at the endpoint's effort, limits
 * @param timeouts   {@code client}'s timeouts as one call's
 * @param azure      how calls to Azure OpenAI authenticate; null for other providers
 * @param output     what answers must be: the response format, and the JSON schema they are checked against
 * @param tools      the tools, by the name the model calls them
 * @param succession the successors of retired models and the shutdown dates set by option
 */
public record EndpointOptions(
        String provider, ProviderType providerType, String model,
        ChatClient.Settings client, CallTimeouts timeouts, Pacing pacing, AzureAccess azure, RateLimits rateLimits,
        MessageDefaults defaults, StructuredOutput output, Map<String, BoundTool> tools, ToolUse toolUse,
        Spending spending, Completion completion, ModelSuccession succession, Telemetry telemetry) {

    // why 10 s: such a model sends its first token, and each next event, well within a second, while callers often
    // give up after 15 s; a silent or stalled provider must be left, and the next target started, well within that
    /** The first-token timeout of a model that answers without reasoning first. */
    public static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    /** For a model that reasons at medium or high effort before its first visible token. */
    public static final Duration REASONING_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(90);
    /** The longest silence between two events of a model that answers without reasoning. */
    public static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * For a model that reasons at medium or high effort: it may pause mid-answer to think again (before a tool call).
     */
    public static final Duration REASONING_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The firstTokenTimeout and streamIdleTimeout options in milliseconds, where 0 picks by how much the model reasons.
     *
     * @param reasonsByDefault whether the provider's models reason at medium effort when none is set (GPT-5 models)
     */
    public record Pacing(long firstTokenMillis, long streamIdleMillis, boolean reasonsByDefault) {

        /** The first-token timeout of a call at this reasoning effort (a message may ask for its own). */
        public Duration firstTokenTimeout(String reasoningEffort) {
            if (firstTokenMillis > 0) {
                return Duration.ofMillis(firstTokenMillis);
            }
            return reasonsAtLength(reasoningEffort) ? REASONING_FIRST_TOKEN_TIMEOUT : FIRST_TOKEN_TIMEOUT;
        }

        /** The stream idle timeout of a call at this reasoning effort (a message may ask for its own). */
        public Duration streamIdleTimeout(String reasoningEffort) {
            if (streamIdleMillis > 0) {
                return Duration.ofMillis(streamIdleMillis);
            }
            return reasonsAtLength(reasoningEffort) ? REASONING_STREAM_IDLE_TIMEOUT : STREAM_IDLE_TIMEOUT;
        }

        /** Medium or high effort, or none set where the models reason by default. */
        private boolean reasonsAtLength(String effort) {
            return "medium".equals(effort) || "high".equals(effort) || effort == null && reasonsByDefault;
        }
    }

    /** Azure OpenAI's deployment, and its Microsoft Entra ID credential when calls carry tokens instead of a key. */
    public record AzureAccess(AzureDeployment deployment, Object credential, String tokenScope,
            Duration tokenFetchTimeout) {
    }

    /** The provider account's rate limits; {@code account} names it (never the API key). */
    public record RateLimits(long requestsPerMinute, long tokensPerMinute, Duration maxWait, String account,
            boolean fromHeaders) {

        public boolean limited() {
            return requestsPerMinute > 0 || tokensPerMinute > 0;
        }
    }

    /** What a message gets unless its body or headers say otherwise. */
    public record MessageDefaults(String systemPrompt, Double temperature, Double topP, Integer maxTokens,
            String reasoningEffort, String verbosity, List<String> stop, Long seed, String user, boolean stream,
            boolean includeStreamUsage, Map<String, Object> extraBody, String routerPolicy) {
    }

    /** How the endpoint uses its tools: runs them itself (auto) or hands the calls on, and its caps. */
    public record ToolUse(boolean auto, boolean reportErrors, int maxRounds, int maxCallsPerRound, int schemaRetries) {
    }

    /**
     * The budget a call spends from and what it costs.
     *
     * @param prices the prices set by option, or null for the built-in ones
     */
    public record Spending(BudgetGuard guard, String budgetKey, int outputTokens, Prices prices) {
    }

    /** How a call's end reaches the exchange. */
    public record Completion(boolean aggregateStream, boolean streamReasoning, boolean honourRetryAfter,
            long maxRetryAfterMillis, boolean dropUnsupportedParams) {
    }

    /** What the spans carry and whether the trace context goes along on calls. */
    public record Telemetry(boolean propagateTraceContext, boolean captureContent, int captureContentMaxChars) {
    }

    /** Whether this endpoint runs the model's tool calls itself (auto mode with tools) instead of handing them on. */
    public boolean runsTools() {
        return !tools.isEmpty() && toolUse.auto();
    }

    /** The prices for an answer from this model: the endpoint's own, else the built-in ones, else null. */
    public Prices prices(String responseModel) {
        return spending.prices() != null ? spending.prices() : Prices.builtIn(responseModel);
    }

    /** The model id to send: the router's backend policy is a suffix on it. */
    public String modelId(String model) {
        String policy = defaults.routerPolicy();
        if (policy == null || model.contains(":")) {
            return model;
        }
        return model + ":" + policy.toLowerCase(Locale.ROOT);
    }

    /** The model as the succession and the provider's model list name it: without the router's suffix. */
    public String bareModel(String modelId) {
        int suffix = modelId.indexOf(':');
        return suffix > 0 && providerType.routesByModelSuffix() ? modelId.substring(0, suffix) : modelId;
    }

    @Override
    public String toString() {
        // why: the record's own would print the client settings and the credential
        return "EndpointOptions[inference:" + provider + ", model=" + model + "]";
    }
}
