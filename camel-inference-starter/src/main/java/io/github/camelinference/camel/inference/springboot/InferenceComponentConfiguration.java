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
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code camel.component.inference.*}: defaults for every {@code inference:} endpoint, and named provider profiles
 * under {@code camel.component.inference.providers.<name>.*} that {@code inference:<name>} picks up.
 */
@ConfigurationProperties(prefix = "camel.component.inference")
public class InferenceComponentConfiguration {

    /** Whether to configure the inference component from these properties. */
    private boolean enabled = true;
    /**
     * The chat-completions base URL, up to and including /v1. Defaults to https://api.openai.com/v1 for openai and
     * https://router.huggingface.co/v1 for huggingface.
     */
    private String baseUrl;
    /** The model id; defaults to gpt-5-mini for openai and openai/gpt-oss-120b for huggingface. */
    private String model;
    /**
     * The API key. Defaults to the OPENAI_API_KEY environment variable for openai and HF_TOKEN for huggingface. Masked
     * by Spring Boot in the actuator's env and configprops output.
     */
    private String apiKey;
    /** A system prompt sent before every user message. */
    private String systemPrompt;
    /** Sampling temperature, 0 to 2; not sent unless set (GPT-5 models accept only the default). */
    private Double temperature;
    /** The output token limit, reasoning included (max_completion_tokens for OpenAI, max_tokens elsewhere). */
    private Integer maxTokens;
    /** Reasoning effort: none, minimal, low, medium or high. */
    private String reasoningEffort;
    /** GPT-5 answer length: low, medium or high. */
    private String verbosity;
    /** Hugging Face router backend: fastest, cheapest, preferred, or a backend name such as groq. */
    private String routerPolicy;
    /** Hugging Face router: the organisation billed (X-HF-Bill-To). */
    private String billTo;
    /**
     * Successors of retired models, as comma-separated model=successor pairs (gpt-5-mini=gpt-6.1-terra): from a model's
     * shutdown date on, or once the provider answers model-not-found for it, calls go to its successor.
     */
    private String modelSuccessors;
    /** Shutdown dates for models whose provider lists none, as comma-separated model=YYYY-MM-DD pairs. */
    private String modelShutdownDates;
    /**
     * Send a call once more without a parameter value the model refuses (400 unsupported_value/unsupported_parameter),
     * or with the nearest value the error names as supported (reasoning-effort minimal becomes low).
     */
    private boolean dropUnsupportedParams;
    /**
     * Record the prompt and the answer on each call's OpenTelemetry span (gen_ai.input.messages,
     * gen_ai.output.messages). Off by default: prompts and answers often hold personal data.
     */
    private boolean captureContent;
    /** With capture-content: the most characters of message text recorded per span attribute (0 to 1,000,000). */
    private int captureContentMaxChars = 8192;
    /** Send the W3C traceparent/tracestate of each call's span to the provider. */
    private boolean propagateTraceContext = true;
    /**
     * Where the GenAI metrics (gen_ai.client.operation.duration, gen_ai.client.token.usage, …) are recorded when the
     * application has Micrometer: micrometer (the default: Spring Boot's meters, exported as the application exports
     * them) or opentelemetry (through the component's OpenTelemetry SDK). Never both, so a call is counted once.
     */
    private String genAiMetrics = "micrometer";
    /** How long to wait for a connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** How long a non-streamed call may take in all. */
    private Duration requestTimeout = Duration.ofSeconds(120);
    /**
     * Streamed calls: how long to wait for the first text delta. Unset: 10 s, or 90 s when reasoning-effort is medium
     * or high (or not set for OpenAI, whose GPT-5 models reason at medium effort by default).
     */
    private Duration firstTokenTimeout;
    /**
     * Streamed calls: the longest silence allowed between two chunks. Unset: 10 s, or 60 s when reasoning-effort is
     * medium or high (or not set for OpenAI), as a reasoning model may stop to think again mid-answer.
     */
    private Duration streamIdleTimeout;
    /** The connection pool's size per provider. */
    private int maxConnections = 1000;
    /** Streamed calls: how long a stream may take in all, first byte to last. */
    private Duration streamTimeout = Duration.ofMinutes(10);
    /**
     * The largest response body read, in bytes (a non-streamed answer, an error body, a plain JSON answer to a streamed
     * request); a larger one fails the call with MalformedResponseException and closes the connection.
     */
    private int maxResponseBytes = 8 * 1024 * 1024;
    /** Streamed calls: the longest line, and the longest event, of an event stream, in bytes. */
    private int maxLineLength = 1024 * 1024;
    /** Streamed calls: the most characters of answer text one stream may carry. */
    private int maxAnswerChars = 1_000_000;
    /**
     * The longest provider Retry-After obeyed; a longer hint is reported in the error and not copied into
     * CamelRedeliveryDelay.
     */
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    /** Auto tool mode: the most tool calls one answer may ask for; more fails the call before any tool runs. */
    private int maxToolCallsPerRound = 32;
    /**
     * Streamed calls: what a chunk that is not one JSON object does. fail: the call fails with
     * MalformedResponseException; skip: the chunk is skipped and counted in the CamelInferenceSkippedChunks header.
     */
    private String malformedChunks = "fail";
    /**
     * Split (iterating) streams: also deliver the model's reasoning deltas as ReasoningDelta body items between the
     * answer's String items.
     */
    private boolean streamReasoning;
    /** USD per million input tokens, for the CamelInferenceCost header (built in for gpt-5-mini). */
    private Double inputPrice;
    /** USD per million cached input tokens. */
    private Double cachedInputPrice;
    /** USD per million output tokens, reasoning included. */
    private Double outputPrice;
    /**
     * With a budget guard: the output tokens reserved for a call that sets no max-tokens, and sent as its output limit,
     * so the provider cannot bill more. Each call reserves its maximum cost before it is sent and settles to its real
     * cost after.
     */
    private int budgetOutputTokens = 32_768;
    /** HTTP proxy host; calls to https providers tunnel through it with CONNECT. */
    private String proxyHost;
    /** HTTP proxy port; 8080 when only the host is set. */
    private Integer proxyPort;
    /** User name for an HTTP proxy that asks for credentials (Basic, answered when the proxy replies 407). */
    private String proxyUsername;
    /** Password for proxy-username. Masked by Spring Boot in the actuator's env and configprops output. */
    private String proxyPassword;
    /**
     * The provider account's requests per minute (0 or unset: no limit), shared by every endpoint naming the same
     * rate-limit-account, and by every instance when a RedisRateLimitStore bean is in the context.
     */
    private Long requestsPerMinute;
    /**
     * The provider account's tokens per minute (0 or unset: no limit). Each call reserves its prompt's upper bound plus
     * max-tokens (else budget-output-tokens) and settles to the answer's total tokens.
     */
    private Long tokensPerMinute;
    /**
     * The name the rate limits are kept under (default: the provider name and the base URL's host and port). Never the
     * API key.
     */
    private String rateLimitAccount;
    /**
     * How long a call may wait for room under the rate limits, on a timer (no thread waits); 0 (the default): fail at
     * once with AccountRateLimitedException, which the failover step takes to its next target.
     */
    private Duration rateLimitMaxWait;
    /** Learn from the provider's x-ratelimit-remaining and -reset headers (default true). */
    private Boolean rateLimitFromHeaders;
    /** Named provider profiles: inference:&lt;name&gt; in a route picks up the block of that name. */
    private Map<String, ProviderProperties> providers = new LinkedHashMap<>();

    /** One named provider: inference:&lt;name&gt;. Unset values fall back to the component's. */
    public static class ProviderProperties {
        /**
         * How the provider speaks: openai, huggingface, azure or openai-compatible. Defaults from the name (openai-...,
         * huggingface-..., hf-... or azure-...), else openai-compatible.
         */
        private String type;
        /** Azure OpenAI: the resource's name (https://{resource}.openai.azure.com), or set base-url instead. */
        private String resource;
        /** Azure OpenAI: the model deployment's name. */
        private String deployment;
        /** Azure OpenAI: a dated API version for the deployment URL (2024-10-21); unset for the v1 API. */
        private String apiVersion;
        /**
         * Azure OpenAI with Microsoft Entra ID: the name of a com.azure.core.credential.TokenCredential bean. Without
         * it and without an api-key, DefaultAzureCredential is used (needs com.azure:azure-identity).
         */
        private String credential;
        /** The provider's base URL, up to and including /v1; required for openai-compatible providers. */
        private String baseUrl;
        /** The provider's API key. */
        private String apiKey;
        /** The default model for this provider. */
        private String model;
        /** Hugging Face router backend policy for this provider. */
        private String routerPolicy;
        /** Hugging Face router: the organisation billed. */
        private String billTo;
        /** The model that takes over from this provider's model once it is retired. */
        private String modelSuccessor;
        /** The output token limit for this provider. */
        private Integer maxTokens;
        /** How long to wait for a connection to this provider. */
        private Duration connectTimeout;
        /** How long a non-streamed call to this provider may take. */
        private Duration requestTimeout;
        /** Streamed calls: first-token timeout for this provider. */
        private Duration firstTokenTimeout;
        /** Streamed calls: idle timeout for this provider. */
        private Duration streamIdleTimeout;
        /** The connection pool's size for this provider. */
        private Integer maxConnections;
        /** USD per million input tokens for this provider's model. */
        private Double inputPrice;
        /** USD per million cached input tokens for this provider's model. */
        private Double cachedInputPrice;
        /** USD per million output tokens for this provider's model. */
        private Double outputPrice;
        /** This provider account's requests per minute (0: no limit). */
        private Long requestsPerMinute;
        /** This provider account's tokens per minute (0: no limit). */
        private Long tokensPerMinute;
        /** The name this provider's rate limits are kept under; never the API key. */
        private String rateLimitAccount;
        /** How long a call to this provider may wait for room under its rate limits (0: fail at once). */
        private Duration rateLimitMaxWait;

        public Long getRequestsPerMinute() {
            return requestsPerMinute;
        }

        public void setRequestsPerMinute(Long requestsPerMinute) {
            this.requestsPerMinute = requestsPerMinute;
        }

        public Long getTokensPerMinute() {
            return tokensPerMinute;
        }

        public void setTokensPerMinute(Long tokensPerMinute) {
            this.tokensPerMinute = tokensPerMinute;
        }

        public String getRateLimitAccount() {
            return rateLimitAccount;
        }

        public void setRateLimitAccount(String rateLimitAccount) {
            this.rateLimitAccount = rateLimitAccount;
        }

        public Duration getRateLimitMaxWait() {
            return rateLimitMaxWait;
        }

        public void setRateLimitMaxWait(Duration rateLimitMaxWait) {
            this.rateLimitMaxWait = rateLimitMaxWait;
        }

        public Double getInputPrice() {
            return inputPrice;
        }

        public void setInputPrice(Double inputPrice) {
            this.inputPrice = inputPrice;
        }

        public Double getCachedInputPrice() {
            return cachedInputPrice;
        }

        public void setCachedInputPrice(Double cachedInputPrice) {
            this.cachedInputPrice = cachedInputPrice;
        }

        public Double getOutputPrice() {
            return outputPrice;
        }

        public void setOutputPrice(Double outputPrice) {
            this.outputPrice = outputPrice;
        }

        public String getResource() {
            return resource;
        }

        public void setResource(String resource) {
            this.resource = resource;
        }

        public String getDeployment() {
            return deployment;
        }

        public void setDeployment(String deployment) {
            this.deployment = deployment;
        }

        public String getApiVersion() {
            return apiVersion;
        }

        public void setApiVersion(String apiVersion) {
            this.apiVersion = apiVersion;
        }

        public String getCredential() {
            return credential;
        }

        public void setCredential(String credential) {
            this.credential = credential;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getBaseUrl() {
            return baseUrl;
        }

        public void setBaseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        public String getModel() {
            return model;
        }

        public void setModel(String model) {
            this.model = model;
        }

        public String getRouterPolicy() {
            return routerPolicy;
        }

        public void setRouterPolicy(String routerPolicy) {
            this.routerPolicy = routerPolicy;
        }

        public String getBillTo() {
            return billTo;
        }

        public String getModelSuccessor() {
            return modelSuccessor;
        }

        public void setModelSuccessor(String modelSuccessor) {
            this.modelSuccessor = modelSuccessor;
        }

        public void setBillTo(String billTo) {
            this.billTo = billTo;
        }

        public Integer getMaxTokens() {
            return maxTokens;
        }

        public void setMaxTokens(Integer maxTokens) {
            this.maxTokens = maxTokens;
        }

        public Duration getConnectTimeout() {
            return connectTimeout;
        }

        public void setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
        }

        public Duration getRequestTimeout() {
            return requestTimeout;
        }

        public void setRequestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
        }

        public Duration getFirstTokenTimeout() {
            return firstTokenTimeout;
        }

        public void setFirstTokenTimeout(Duration firstTokenTimeout) {
            this.firstTokenTimeout = firstTokenTimeout;
        }

        public Duration getStreamIdleTimeout() {
            return streamIdleTimeout;
        }

        public void setStreamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = streamIdleTimeout;
        }

        public Integer getMaxConnections() {
            return maxConnections;
        }

        public void setMaxConnections(Integer maxConnections) {
            this.maxConnections = maxConnections;
        }
    }

    public Long getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(Long requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public Long getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(Long tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    public String getRateLimitAccount() {
        return rateLimitAccount;
    }

    public void setRateLimitAccount(String rateLimitAccount) {
        this.rateLimitAccount = rateLimitAccount;
    }

    public Duration getRateLimitMaxWait() {
        return rateLimitMaxWait;
    }

    public void setRateLimitMaxWait(Duration rateLimitMaxWait) {
        this.rateLimitMaxWait = rateLimitMaxWait;
    }

    public Boolean getRateLimitFromHeaders() {
        return rateLimitFromHeaders;
    }

    public void setRateLimitFromHeaders(Boolean rateLimitFromHeaders) {
        this.rateLimitFromHeaders = rateLimitFromHeaders;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getSystemPrompt() {
        return systemPrompt;
    }

    public void setSystemPrompt(String systemPrompt) {
        this.systemPrompt = systemPrompt;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Integer getMaxTokens() {
        return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    public String getReasoningEffort() {
        return reasoningEffort;
    }

    public void setReasoningEffort(String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
    }

    public String getVerbosity() {
        return verbosity;
    }

    public void setVerbosity(String verbosity) {
        this.verbosity = verbosity;
    }

    public String getRouterPolicy() {
        return routerPolicy;
    }

    public void setRouterPolicy(String routerPolicy) {
        this.routerPolicy = routerPolicy;
    }

    public String getBillTo() {
        return billTo;
    }

    public String getModelSuccessors() {
        return modelSuccessors;
    }

    public void setModelSuccessors(String modelSuccessors) {
        this.modelSuccessors = modelSuccessors;
    }

    public String getModelShutdownDates() {
        return modelShutdownDates;
    }

    public void setModelShutdownDates(String modelShutdownDates) {
        this.modelShutdownDates = modelShutdownDates;
    }

    public boolean isDropUnsupportedParams() {
        return dropUnsupportedParams;
    }

    public void setDropUnsupportedParams(boolean dropUnsupportedParams) {
        this.dropUnsupportedParams = dropUnsupportedParams;
    }

    public boolean isCaptureContent() {
        return captureContent;
    }

    public void setCaptureContent(boolean captureContent) {
        this.captureContent = captureContent;
    }

    public int getCaptureContentMaxChars() {
        return captureContentMaxChars;
    }

    public void setCaptureContentMaxChars(int captureContentMaxChars) {
        this.captureContentMaxChars = captureContentMaxChars;
    }

    public String getGenAiMetrics() {
        return genAiMetrics;
    }

    public void setGenAiMetrics(String genAiMetrics) {
        this.genAiMetrics = genAiMetrics;
    }

    public boolean isPropagateTraceContext() {
        return propagateTraceContext;
    }

    public void setPropagateTraceContext(boolean propagateTraceContext) {
        this.propagateTraceContext = propagateTraceContext;
    }

    public void setBillTo(String billTo) {
        this.billTo = billTo;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    public void setFirstTokenTimeout(Duration firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    public Duration getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(Duration streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Duration getStreamTimeout() {
        return streamTimeout;
    }

    public void setStreamTimeout(Duration streamTimeout) {
        this.streamTimeout = streamTimeout;
    }

    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    public int getMaxLineLength() {
        return maxLineLength;
    }

    public void setMaxLineLength(int maxLineLength) {
        this.maxLineLength = maxLineLength;
    }

    public int getMaxAnswerChars() {
        return maxAnswerChars;
    }

    public void setMaxAnswerChars(int maxAnswerChars) {
        this.maxAnswerChars = maxAnswerChars;
    }

    public int getMaxToolCallsPerRound() {
        return maxToolCallsPerRound;
    }

    public void setMaxToolCallsPerRound(int maxToolCallsPerRound) {
        this.maxToolCallsPerRound = maxToolCallsPerRound;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public String getMalformedChunks() {
        return malformedChunks;
    }

    public void setMalformedChunks(String malformedChunks) {
        this.malformedChunks = malformedChunks;
    }

    public boolean isStreamReasoning() {
        return streamReasoning;
    }

    public void setStreamReasoning(boolean streamReasoning) {
        this.streamReasoning = streamReasoning;
    }

    public Double getInputPrice() {
        return inputPrice;
    }

    public void setInputPrice(Double inputPrice) {
        this.inputPrice = inputPrice;
    }

    public Double getCachedInputPrice() {
        return cachedInputPrice;
    }

    public void setCachedInputPrice(Double cachedInputPrice) {
        this.cachedInputPrice = cachedInputPrice;
    }

    public Double getOutputPrice() {
        return outputPrice;
    }

    public void setOutputPrice(Double outputPrice) {
        this.outputPrice = outputPrice;
    }

    public int getBudgetOutputTokens() {
        return budgetOutputTokens;
    }

    public void setBudgetOutputTokens(int budgetOutputTokens) {
        this.budgetOutputTokens = budgetOutputTokens;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
    }

    public Map<String, ProviderProperties> getProviders() {
        return providers;
    }

    public void setProviders(Map<String, ProviderProperties> providers) {
        this.providers = providers;
    }
}
