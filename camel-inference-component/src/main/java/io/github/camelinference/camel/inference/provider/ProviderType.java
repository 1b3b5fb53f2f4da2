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
package io.github.camelinference.camel.inference.provider;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The kinds of chat-completions server the component knows, and how each differs on the wire. Everything here is data:
 * the request writer and the producer ask it rather than testing provider names.
 */
public enum ProviderType {

    /** api.openai.com, GPT-5 family: {@code max_completion_tokens}, {@code safety_identifier}. */
    OPENAI("https://api.openai.com/v1", "OPENAI_API_KEY", "gpt-5-mini", "max_completion_tokens", "safety_identifier",
           false),

    /**
     * The Hugging Face Inference Providers router: OpenAI-compatible, {@code max_tokens}, backend chosen by a
     * {@code :policy} or {@code :backend} suffix on the model id, the serving backend named in
     * {@code x-inference-provider}.
     */
    HUGGINGFACE("https://router.huggingface.co/v1", "HF_TOKEN", "openai/gpt-oss-120b", "max_tokens", "user", true),

    /**
     * Azure OpenAI: the base URL comes from the resource name (or a full baseUrl), the model is the deployment, the key
     * goes in an {@code api-key} header, and without a key the call carries a Microsoft Entra ID token instead.
     */
    AZURE(null, "AZURE_OPENAI_API_KEY", null, "max_completion_tokens", "user", false, false, "api-key", ""),

    /**
     * Any other OpenAI-compatible server (vLLM, Ollama, LiteLLM, a company gateway): needs a base URL; key optional.
     */
    OPENAI_COMPATIBLE(null, null, null, "max_tokens", "user", false);

    private final String defaultBaseUrl;
    private final String apiKeyEnvironmentVariable;
    private final String defaultModel;
    private final String maxTokensField;
    private final String userField;
    private final boolean routesByModelSuffix;
    private final boolean apiKeyRequired;
    private final String apiKeyHeader;
    private final String apiKeyPrefix;

    ProviderType(String defaultBaseUrl, String apiKeyEnvironmentVariable, String defaultModel, String maxTokensField,
                 String userField, boolean routesByModelSuffix) {
        this(defaultBaseUrl, apiKeyEnvironmentVariable, defaultModel, maxTokensField, userField, routesByModelSuffix,
             apiKeyEnvironmentVariable != null, "Authorization", "Bearer ");
    }

    ProviderType(String defaultBaseUrl, String apiKeyEnvironmentVariable, String defaultModel, String maxTokensField,
                 String userField, boolean routesByModelSuffix, boolean apiKeyRequired, String apiKeyHeader,
                 String apiKeyPrefix) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.apiKeyEnvironmentVariable = apiKeyEnvironmentVariable;
        this.defaultModel = defaultModel;
        this.maxTokensField = maxTokensField;
        this.userField = userField;
        this.routesByModelSuffix = routesByModelSuffix;
        this.apiKeyRequired = apiKeyRequired;
        this.apiKeyHeader = apiKeyHeader;
        this.apiKeyPrefix = apiKeyPrefix;
    }

    /**
     * The type behind an endpoint's provider name: {@code openai}, {@code huggingface} (or {@code hf}), {@code azure},
     * else compatible.
     */
    public static ProviderType forName(String name) {
        ProviderType known = named(name);
        return known != null ? known : OPENAI_COMPATIBLE;
    }

    /**
     * The type for a configured name: {@code openai}, {@code huggingface}/{@code hf}, {@code azure},
     * {@code openai-compatible}.
     */
    public static ProviderType parse(String value) {
        ProviderType type = named(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (type == null) {
            throw new IllegalArgumentException(
                    "unknown provider type '" + value + "': accepted values are "
                                               + Arrays.stream(values()).map(ProviderType::configName)
                                                       .collect(Collectors.joining(", ")));
        }
        return type;
    }

    /** The names each type answers to, in one table for endpoint names and configured types alike; else null. */
    private static ProviderType named(String name) {
        return switch (name) {
            case "openai" -> OPENAI;
            case "huggingface", "hf" -> HUGGINGFACE;
            case "azure" -> AZURE;
            case "openai-compatible", "openai_compatible", "compatible" -> OPENAI_COMPATIBLE;
            default -> null;
        };
    }

    /** The name a configuration gives this type by: {@code openai}, {@code huggingface}, {@code openai-compatible}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** Where the key is read from when the endpoint sets none; null when a key is optional. */
    public String apiKeyEnvironmentVariable() {
        return apiKeyEnvironmentVariable;
    }

    public String defaultModel() {
        return defaultModel;
    }

    /** The request field that carries the output token limit. */
    public String maxTokensField() {
        return maxTokensField;
    }

    /** The request field that carries the end-user / safety identifier. */
    public String userField() {
        return userField;
    }

    /** Whether backend selection is a suffix on the model id ({@code model:fastest}). */
    public boolean routesByModelSuffix() {
        return routesByModelSuffix;
    }

    /** Whether an endpoint of this type cannot start without a key (Azure can use Entra ID instead). */
    public boolean requiresApiKey() {
        return apiKeyRequired;
    }

    /** The request header that carries the key: {@code Authorization}, or Azure's {@code api-key}. */
    public String apiKeyHeader() {
        return apiKeyHeader;
    }

    /** What comes before the key in that header: {@code "Bearer "}, or nothing for Azure. */
    public String apiKeyPrefix() {
        return apiKeyPrefix;
    }
}
