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

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/** The options of an {@code inference:} endpoint; the component holds a copy as defaults for all its endpoints. */
@UriParams
public class InferenceConfiguration implements Cloneable {

    @UriParam(label = "common", description = "The chat-completions base URL, up to and including `/v1`. Defaults to"
                                              + " `https://api.openai.com/v1` for `openai` and"
                                              + " `https://router.huggingface.co/v1` for `huggingface`; required for any"
                                              + " other provider name (vLLM, Ollama, a gateway). For `azure`, the"
                                              + " resource's endpoint (`https://my-resource.openai.azure.com`), as an"
                                              + " alternative to `resource`.")
    private String baseUrl;
    @UriParam(label = "common", description = "The model id. Defaults to `gpt-5-mini` for `openai` and"
                                              + " `openai/gpt-oss-120b` for `huggingface`; required for other providers.")
    private String model;
    @UriParam(label = "common", description = "A system prompt sent before the user's message.")
    private String systemPrompt;
    @UriParam(label = "common", defaultValue = "false", description = "Stream the answer: the body becomes an iterator of"
                                                                      + " text deltas for `split(body()).streaming()`.")
    private boolean stream;
    @UriParam(label = "common", defaultValue = "false", description = "With `stream=true`, collect the stream into one"
                                                                      + " answer: a normal String body, with streaming's"
                                                                      + " early detection of stalls and broken streams.")
    private boolean aggregateStream;
    @UriParam(label = "producer", defaultValue = "false",
              description = "With `stream=true` (not aggregated): also deliver the model's reasoning deltas as body"
                            + " items, each a `ReasoningDelta` (its `text()` is the reasoning), between the answer's"
                            + " String items. The exchange then completes at the first reasoning or text delta. Off:"
                            + " the items are the answer's text only and the reasoning is in the"
                            + " `CamelInferenceReasoning` header at the end.")
    private boolean streamReasoning;

    @UriParam(label = "common,azure", description = "Azure OpenAI: the resource's name; calls go to"
                                                    + " `https://{resource}.openai.azure.com`. Or set `baseUrl` to the"
                                                    + " resource's full endpoint URL (a private endpoint, a gateway).")
    private String resource;
    @UriParam(label = "common,azure", description = "Azure OpenAI: the model deployment's name. With the v1 API it is"
                                                    + " sent as `model`; with `apiVersion` it is part of the URL."
                                                    + " Defaults to the `model` option.")
    private String deployment;
    @UriParam(label = "common,azure",
              description = "Azure OpenAI: a dated API version (`2024-10-21`, `2025-04-01-preview`) selects the"
                            + " deployment URL `/openai/deployments/{deployment}/chat/completions?api-version=`."
                            + " Unset (the default): the v1 API, `/openai/v1/chat/completions`.")
    private String apiVersion;

    @UriParam(label = "security", secret = true,
              description = "The API key. Defaults to the `OPENAI_API_KEY` environment variable for `openai`,"
                            + " `HF_TOKEN` for `huggingface` and `AZURE_OPENAI_API_KEY` for `azure` (sent as the"
                            + " `api-key` header); optional for other providers, and for `azure`, which then uses"
                            + " Microsoft Entra ID.")
    private String apiKey;
    @UriParam(label = "security,azure", javaType = "java.lang.Object",
              description = "Azure OpenAI with Microsoft Entra ID: a `com.azure.core.credential.TokenCredential`"
                            + " bean (`credential=#myCredential`: a ClientSecretCredential, ManagedIdentityCredential,"
                            + " WorkloadIdentityCredential, ...). Without it and without an API key,"
                            + " `DefaultAzureCredential` is used. Needs `com.azure:azure-identity` on the classpath.")
    private Object credential;
    @UriParam(label = "security,azure", defaultValue = "https://cognitiveservices.azure.com/.default",
              description = "Azure OpenAI with Microsoft Entra ID: the scope tokens are asked for.")
    private String tokenScope = "https://cognitiveservices.azure.com/.default";
    @UriParam(label = "security,azure", defaultValue = "30000", javaType = "java.time.Duration",
              description = "Azure OpenAI with Microsoft Entra ID: how long a token fetch may take. A call waiting"
                            + " for a token that does not come within it fails with AuthenticationException.")
    private long tokenFetchTimeout = 30_000;
    @UriParam(label = "security", description = "TLS settings (trust store, key store, protocols) for the connection.")
    private SSLContextParameters sslContextParameters;

    @UriParam(label = "producer", description = "Sampling temperature. Not sent unless set: GPT-5 models accept only the"
                                                + " default.")
    private Double temperature;
    @UriParam(label = "producer", description = "Nucleus sampling. Not sent unless set: GPT-5 models reject it.")
    private Double topP;
    @UriParam(label = "producer", description = "The output token limit, reasoning included. Sent as"
                                                + " `max_completion_tokens` to OpenAI and `max_tokens` elsewhere.")
    private Integer maxTokens;
    @UriParam(label = "producer", enums = "none,minimal,low,medium,high",
              description = "How much a reasoning model thinks before answering (GPT-5 family, gpt-oss).")
    private String reasoningEffort;
    @UriParam(label = "producer", enums = "low,medium,high", description = "How long GPT-5 answers are.")
    private String verbosity;
    @UriParam(label = "producer", description = "Stop sequences, comma-separated (at most 4).")
    private String stop;
    @UriParam(label = "producer", description = "Seed for best-effort deterministic sampling.")
    private Long seed;
    @UriParam(label = "producer", description = "A stable, hashed id of the end user, for the provider's abuse detection."
                                                + " Sent as `safety_identifier` to OpenAI and `user` elsewhere.")
    private String user;
    @UriParam(label = "producer", enums = "text,json_object,json_schema", defaultValue = "text",
              description = "The answer's format. `json_schema` needs `jsonSchema`.")
    private String responseFormat = "text";
    @Metadata(supportFileReference = true)
    @UriParam(label = "producer",
              description = "The JSON schema the answer must follow, inline or as a resource: `classpath:schema.json`,"
                            + " `file:/path/schema.json`. Implies `responseFormat=json_schema`.")
    private String jsonSchema;
    @UriParam(label = "producer", defaultValue = "answer", description = "The schema's name sent to the provider"
                                                                         + " (letters, digits, `_` and `-`, at most 64).")
    private String jsonSchemaName = "answer";

    @UriParam(label = "producer", defaultValue = "0", description = "With jsonSchema: how many times to ask again,"
                                                                    + " with the validation errors, when an answer"
                                                                    + " does not match (0 to 3). Past that the call"
                                                                    + " fails with SchemaMismatchException.")
    private int schemaRetries;
    @UriParam(label = "producer", description = "With jsonSchema: a class the matching answer is unmarshalled into"
                                                + " (Jackson), which then becomes the body instead of the JSON text.")
    private String outputClass;
    @UriParam(label = "producer,tools", description = "Tools the model may call: comma-separated names of"
                                                      + " InferenceTool beans, each run by its Camel endpoint.")
    private String tools;
    @UriParam(label = "producer,tools", enums = "auto,manual", defaultValue = "auto",
              description = "auto: the component runs the tool calls through their endpoints and sends the results"
                            + " back until the model answers; manual: the route receives the tool calls (the body is"
                            + " the tool_calls array) and decides.")
    private String toolMode = "auto";
    @UriParam(label = "producer,tools", defaultValue = "5", description = "auto mode: the most rounds of tool calls"
                                                                          + " before the call fails.")
    private int maxToolRounds = 5;
    @UriParam(label = "producer,tools", defaultValue = "32", description = "auto mode: the most tool calls one answer"
                                                                           + " may ask for. An answer asking for more"
                                                                           + " fails the call before any tool runs.")
    private int maxToolCallsPerRound = 32;
    @UriParam(label = "producer,tools", enums = "report,fail", defaultValue = "report",
              description = "auto mode, when a tool's route fails or its arguments do not match its schema: report"
                            + " the error to the model as the tool's result, or fail the exchange.")
    private String toolErrors = "report";
    @UriParam(label = "producer,huggingface", description = "Hugging Face router: which backend serves the model."
                                                            + " `fastest`, `cheapest`, `preferred` (your order in the"
                                                            + " Hub settings), or a backend name such as `groq`,"
                                                            + " `together`, `cerebras` (pins it, giving up the router's"
                                                            + " own failover). Appended to the model id as `:policy`.")
    private String routerPolicy;
    @UriParam(label = "producer,lifecycle",
              description = "The model that takes over from this endpoint's model once it is retired: from its"
                            + " shutdown date on (the provider's model list, else `modelShutdownDates`), and whenever"
                            + " the provider answers model-not-found for it. The call goes to the successor within the"
                            + " same exchange, with a WARN once and the `CamelInferenceModelSubstituted` header.")
    private String modelSuccessor;
    @UriParam(label = "producer,lifecycle",
              description = "Successors for any model, as comma-separated `model=successor` pairs, e.g."
                            + " `gpt-5-mini=gpt-6.1-terra,gpt-5=gpt-6.1-sol`; set it on the component for every"
                            + " endpoint. A successor may have its own. A model named as its own successor, or a cycle,"
                            + " is refused at start.")
    private String modelSuccessors;
    @UriParam(label = "producer,lifecycle",
              description = "Shutdown dates for models whose provider lists none (`GET /models` without"
                            + " `shutdown_date`, e.g. an OpenAI-compatible server), as comma-separated"
                            + " `model=YYYY-MM-DD` pairs. From that day on, a model with a successor is called as it.")
    private String modelShutdownDates;
    @UriParam(label = "producer,lifecycle", defaultValue = "false",
              description = "When the model refuses a parameter or one of its values with a 400"
                            + " (`unsupported_parameter`, `unsupported_value`, as a successor may refuse"
                            + " `reasoning_effort=minimal`), send the call once more without it, or with the nearest"
                            + " value the error names as supported, and keep doing so for that model. Logs a WARN once"
                            + " per model and parameter. Only answer-tuning parameters are changed (reasoning effort,"
                            + " verbosity, temperature, topP, seed, stop, user and additionalBodyProperty values).")
    private boolean dropUnsupportedParams;
    @UriParam(label = "producer,huggingface", description = "Hugging Face router: the organisation billed for the calls"
                                                            + " (`X-HF-Bill-To`).")
    private String billTo;

    @UriParam(label = "producer,cost", description = "USD per million input tokens, for the CamelInferenceCost header."
                                                     + " Built in for gpt-5-mini (0.25); set it for other models.")
    private Double inputPrice;
    @UriParam(label = "producer,cost", description = "USD per million cached input tokens (gpt-5-mini: 0.025)."
                                                     + " Defaults to inputPrice when only that is set.")
    private Double cachedInputPrice;
    @UriParam(label = "producer,cost", description = "USD per million output tokens, reasoning included"
                                                     + " (gpt-5-mini: 2.00).")
    private Double outputPrice;

    @UriParam(label = "producer,cost", description = "A BudgetGuard bean (budgetGuard=#name): calls past its limit fail"
                                                     + " with BudgetExceededException. Each call reserves its maximum"
                                                     + " cost against the message's budget key before it is sent and"
                                                     + " settles to its real cost when it ends, so parallel calls"
                                                     + " overspend by at most one call's maximum.")
    private io.github.camelinference.camel.inference.budget.BudgetGuard budgetGuard;
    @UriParam(label = "producer,cost", defaultValue = "default", description = "The budget key (a tenant, a team)"
                                                                               + " the spend counts against; the"
                                                                               + " CamelInferenceBudgetKey header"
                                                                               + " overrides it per message.")
    private String budgetKey = "default";
    @UriParam(label = "producer,cost", defaultValue = "32768", description = "With a budgetGuard: the output tokens"
                                                                             + " reserved for a call that sets no"
                                                                             + " maxTokens, and sent as its output"
                                                                             + " limit (max_completion_tokens, or"
                                                                             + " max_tokens), so the provider cannot"
                                                                             + " bill more. Each call reserves its"
                                                                             + " maximum cost (prompt upper bound at"
                                                                             + " the input price plus maxTokens, else"
                                                                             + " this, at the output price) before it"
                                                                             + " is sent and settles to its real cost"
                                                                             + " after.")
    private int budgetOutputTokens = 32_768;

    @UriParam(label = "producer,ratelimit", defaultValue = "0",
              description = "The provider account's requests per minute (0: no limit). Every endpoint naming the same"
                            + " rateLimitAccount draws on one limit, and every instance too when the component's"
                            + " rateLimitStore is shared (RedisRateLimitStore). A token bucket refilled continuously,"
                            + " holding one second's worth: any 60 s window admits at most this plus 1/60 of it.")
    private long requestsPerMinute;
    @UriParam(label = "producer,ratelimit", defaultValue = "0",
              description = "The provider account's tokens per minute (0: no limit). Each call reserves its prompt's"
                            + " upper bound plus maxTokens (else budgetOutputTokens) before it is sent, and settles to"
                            + " the answer's total tokens after: the rest is given back, tokens beyond it are taken.")
    private long tokensPerMinute;
    @UriParam(label = "producer,ratelimit",
              description = "The name the rate limits are kept under: endpoints and instances that share an API key"
                            + " (a provider account) should name the same one. Defaults to the provider name and the"
                            + " base URL's host and port, e.g. `openai@api.openai.com`. Never put the key itself here.")
    private String rateLimitAccount;
    @UriParam(label = "producer,ratelimit", defaultValue = "0", javaType = "java.time.Duration",
              description = "How long a call may wait for room under requestsPerMinute/tokensPerMinute, on a timer"
                            + " (no thread waits). 0 (the default): a call that does not fit fails at once with"
                            + " AccountRateLimitedException (a RateLimitedException whose clientSide is true, with the"
                            + " time until it fits as its Retry-After), which a failover step takes straight to its"
                            + " next target; a call that would wait longer fails the same way.")
    private long rateLimitMaxWait;
    @UriParam(label = "producer,ratelimit", defaultValue = "true",
              description = "Learn from the provider's `x-ratelimit-remaining-requests`/`-tokens` and"
                            + " `x-ratelimit-reset-requests`/`-tokens` headers (OpenAI sends them): when the provider"
                            + " has fewer left than the limiter thinks, the limiter drains to match until the reset.")
    private boolean rateLimitFromHeaders = true;

    @UriParam(label = "advanced", defaultValue = "10000", javaType = "java.time.Duration",
              description = "How long to wait for a connection.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "120000", javaType = "java.time.Duration",
              description = "How long a non-streamed call may take in all.")
    private long requestTimeout = 120_000;
    @UriParam(label = "advanced", defaultValue = "0", javaType = "java.time.Duration",
              description = "Streamed calls: how long to wait for the first text delta (reasoning happens before it)."
                            + " 0 (the default) picks by model: 10 s, so a silent provider is left for the next target"
                            + " within a caller's usual 15 s; 90 s when reasoningEffort is medium or high (the"
                            + " endpoint's, or a ChatRequest's own `reasoning_effort`), or is not set for OpenAI (GPT-5"
                            + " models reason at medium effort by default), since such a model thinks for tens of"
                            + " seconds before its first visible token.")
    private long firstTokenTimeout;
    @UriParam(label = "advanced", defaultValue = "0", javaType = "java.time.Duration",
              description = "Streamed calls: the longest silence allowed between two chunks once the answer has started."
                            + " 0 (the default) picks by model, as firstTokenTimeout does: 10 s, so a stalled stream is"
                            + " given up (and continued on the next target) within a caller's usual 15 s; 60 s when"
                            + " the model reasons at medium or high effort, since it may stop to think again mid-answer.")
    private long streamIdleTimeout;
    @UriParam(label = "advanced,limits", defaultValue = "600000", javaType = "java.time.Duration",
              description = "Streamed calls: how long a stream may take in all, first token to last; past it the call"
                            + " fails with a timeout, however steadily data arrives.")
    private long streamTimeout = 600_000;
    @UriParam(label = "advanced,limits", defaultValue = "8388608",
              description = "The largest response body read, in bytes: a non-streamed answer, an error body, or a plain"
                            + " JSON answer to a streamed request. A larger one fails the call (MalformedResponseException"
                            + " naming this option) and the connection is closed. Event streams are bounded by"
                            + " maxAnswerChars and maxLineLength instead.")
    private int maxResponseBytes = 8 * 1024 * 1024;
    @UriParam(label = "advanced,limits", defaultValue = "1048576",
              description = "Streamed calls: the longest line, and the longest event, of an event stream, in bytes. A"
                            + " longer one fails the call (MalformedResponseException naming this option) and the"
                            + " connection is closed.")
    private int maxLineLength = 1024 * 1024;
    @UriParam(label = "advanced,limits", defaultValue = "1000000",
              description = "Streamed calls: the most characters of answer text (refusals included) one stream may"
                            + " carry. More fails the call (MalformedResponseException naming this option) and the"
                            + " connection is closed.")
    private int maxAnswerChars = 1_000_000;
    @UriParam(label = "advanced,limits", defaultValue = "60000", javaType = "java.time.Duration",
              description = "The longest provider `Retry-After` the component obeys. A longer hint is reported in the"
                            + " error message and not copied into `CamelRedeliveryDelay`, so a route's own redelivery"
                            + " policy applies.")
    private long maxRetryAfter = 60_000;
    @UriParam(label = "advanced", defaultValue = "1000", description = "The connection pool's size: the most"
                                                                       + " connections open to the provider at once."
                                                                       + " Calls beyond it wait for a free connection"
                                                                       + " (holding no thread), within requestTimeout.")
    private int maxConnections = 1000;
    @UriParam(label = "advanced", defaultValue = "true", description = "Streamed calls: ask for usage in the last chunk"
                                                                       + " (`stream_options.include_usage`). Turn off for"
                                                                       + " servers that reject the field.")
    private boolean includeStreamUsage = true;
    @UriParam(label = "advanced", enums = "fail,skip", defaultValue = "fail",
              description = "Streamed calls: what a chunk that is not one JSON object does (bytes after the JSON, two"
                            + " objects on one `data:` line, not JSON at all). `fail`: the call fails with"
                            + " MalformedResponseException. `skip`: the chunk is skipped and counted in the"
                            + " `CamelInferenceSkippedChunks` header; the answer may then miss its text.")
    private String malformedChunks = "fail";
    @UriParam(label = "advanced", defaultValue = "true", description = "When a provider answers with `Retry-After` (or"
                                                                       + " `retry-after-ms`), set the `CamelRedeliveryDelay`"
                                                                       + " header on the failed exchange, so Camel's"
                                                                       + " redelivery waits exactly that long, not less.")
    private boolean honourRetryAfter = true;
    @UriParam(label = "advanced", prefix = "additionalHeader.", multiValue = true,
              description = "Extra HTTP headers, e.g. `additionalHeader.OpenAI-Organization=org-123`.")
    private Map<String, Object> additionalHeaders;
    @UriParam(label = "advanced", prefix = "additionalBodyProperty.", multiValue = true,
              description = "Extra JSON body fields for parameters without an option, e.g."
                            + " `additionalBodyProperty.service_tier=flex`. Numbers and booleans are sent as such.")
    private Map<String, Object> additionalBodyProperties;
    @UriParam(label = "advanced,proxy", description = "HTTP proxy host.")
    private String proxyHost;
    @UriParam(label = "advanced,proxy", description = "HTTP proxy port.")
    private Integer proxyPort;
    @UriParam(label = "advanced,proxy,security", description = "User name for an HTTP proxy that asks for"
                                                               + " credentials (Basic, answered when the proxy replies"
                                                               + " 407).")
    private String proxyUsername;
    @UriParam(label = "advanced,proxy,security", secret = true, description = "Password for proxyUsername.")
    private String proxyPassword;

    @UriParam(label = "advanced,telemetry", defaultValue = "false",
              description = "Record the prompt and the answer on each call's OpenTelemetry span"
                            + " (`gen_ai.input.messages`, `gen_ai.output.messages`), cut at"
                            + " `captureContentMaxChars`. Off by default: prompts and answers often hold personal data.")
    private boolean captureContent;
    @UriParam(label = "advanced,telemetry", defaultValue = "8192",
              description = "With `captureContent`: the most characters of message text recorded per attribute (0 to"
                            + " 1,000,000); the JSON stays whole and `camel.inference.content.truncated` marks a cut.")
    private int captureContentMaxChars = 8192;
    @UriParam(label = "advanced,telemetry", defaultValue = "true",
              description = "Send the W3C `traceparent` and `tracestate` of each call's span to the provider, so a"
                            + " provider or gateway that traces joins the trace. Turn it off for a provider that"
                            + " rejects headers it does not know.")
    private boolean propagateTraceContext = true;

    /** A copy, so that an endpoint's options never change the component's defaults. */
    public InferenceConfiguration copy() {
        try {
            InferenceConfiguration copy = (InferenceConfiguration) clone();
            copy.additionalHeaders = additionalHeaders == null ? null : new java.util.LinkedHashMap<>(additionalHeaders);
            copy.additionalBodyProperties = additionalBodyProperties == null
                    ? null
                    : new java.util.LinkedHashMap<>(additionalBodyProperties);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
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

    public String getSystemPrompt() {
        return systemPrompt;
    }

    public void setSystemPrompt(String systemPrompt) {
        this.systemPrompt = systemPrompt;
    }

    public boolean isStream() {
        return stream;
    }

    public void setStream(boolean stream) {
        this.stream = stream;
    }

    public boolean isAggregateStream() {
        return aggregateStream;
    }

    public void setAggregateStream(boolean aggregateStream) {
        this.aggregateStream = aggregateStream;
    }

    public boolean isStreamReasoning() {
        return streamReasoning;
    }

    public void setStreamReasoning(boolean streamReasoning) {
        this.streamReasoning = streamReasoning;
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

    public Object getCredential() {
        return credential;
    }

    public void setCredential(Object credential) {
        this.credential = credential;
    }

    public String getTokenScope() {
        return tokenScope;
    }

    public void setTokenScope(String tokenScope) {
        this.tokenScope = tokenScope;
    }

    public long getTokenFetchTimeout() {
        return tokenFetchTimeout;
    }

    public void setTokenFetchTimeout(long tokenFetchTimeout) {
        this.tokenFetchTimeout = tokenFetchTimeout;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public Double getTemperature() {
        return temperature;
    }

    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    public Double getTopP() {
        return topP;
    }

    public void setTopP(Double topP) {
        this.topP = topP;
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

    public String getStop() {
        return stop;
    }

    public void setStop(String stop) {
        this.stop = stop;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getResponseFormat() {
        return responseFormat;
    }

    public void setResponseFormat(String responseFormat) {
        this.responseFormat = responseFormat;
    }

    public String getJsonSchema() {
        return jsonSchema;
    }

    public void setJsonSchema(String jsonSchema) {
        this.jsonSchema = jsonSchema;
    }

    public String getJsonSchemaName() {
        return jsonSchemaName;
    }

    public void setJsonSchemaName(String jsonSchemaName) {
        this.jsonSchemaName = jsonSchemaName;
    }

    public int getSchemaRetries() {
        return schemaRetries;
    }

    public void setSchemaRetries(int schemaRetries) {
        this.schemaRetries = schemaRetries;
    }

    public String getOutputClass() {
        return outputClass;
    }

    public void setOutputClass(String outputClass) {
        this.outputClass = outputClass;
    }

    public String getTools() {
        return tools;
    }

    public void setTools(String tools) {
        this.tools = tools;
    }

    public String getToolMode() {
        return toolMode;
    }

    public void setToolMode(String toolMode) {
        this.toolMode = toolMode;
    }

    public int getMaxToolRounds() {
        return maxToolRounds;
    }

    public void setMaxToolRounds(int maxToolRounds) {
        this.maxToolRounds = maxToolRounds;
    }

    public int getMaxToolCallsPerRound() {
        return maxToolCallsPerRound;
    }

    public void setMaxToolCallsPerRound(int maxToolCallsPerRound) {
        this.maxToolCallsPerRound = maxToolCallsPerRound;
    }

    public String getToolErrors() {
        return toolErrors;
    }

    public void setToolErrors(String toolErrors) {
        this.toolErrors = toolErrors;
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

    public void setBillTo(String billTo) {
        this.billTo = billTo;
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

    public io.github.camelinference.camel.inference.budget.BudgetGuard getBudgetGuard() {
        return budgetGuard;
    }

    public void setBudgetGuard(io.github.camelinference.camel.inference.budget.BudgetGuard budgetGuard) {
        this.budgetGuard = budgetGuard;
    }

    public String getBudgetKey() {
        return budgetKey;
    }

    public void setBudgetKey(String budgetKey) {
        this.budgetKey = budgetKey;
    }

    public int getBudgetOutputTokens() {
        return budgetOutputTokens;
    }

    public void setBudgetOutputTokens(int budgetOutputTokens) {
        this.budgetOutputTokens = budgetOutputTokens;
    }

    public long getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(long requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public long getTokensPerMinute() {
        return tokensPerMinute;
    }

    public void setTokensPerMinute(long tokensPerMinute) {
        this.tokensPerMinute = tokensPerMinute;
    }

    public String getRateLimitAccount() {
        return rateLimitAccount;
    }

    public void setRateLimitAccount(String rateLimitAccount) {
        this.rateLimitAccount = rateLimitAccount;
    }

    public long getRateLimitMaxWait() {
        return rateLimitMaxWait;
    }

    public void setRateLimitMaxWait(long rateLimitMaxWait) {
        this.rateLimitMaxWait = rateLimitMaxWait;
    }

    public boolean isRateLimitFromHeaders() {
        return rateLimitFromHeaders;
    }

    public void setRateLimitFromHeaders(boolean rateLimitFromHeaders) {
        this.rateLimitFromHeaders = rateLimitFromHeaders;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    public void setFirstTokenTimeout(long firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    public long getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    public void setStreamIdleTimeout(long streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public long getStreamTimeout() {
        return streamTimeout;
    }

    public void setStreamTimeout(long streamTimeout) {
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

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public boolean isIncludeStreamUsage() {
        return includeStreamUsage;
    }

    public void setIncludeStreamUsage(boolean includeStreamUsage) {
        this.includeStreamUsage = includeStreamUsage;
    }

    public String getMalformedChunks() {
        return malformedChunks;
    }

    public void setMalformedChunks(String malformedChunks) {
        this.malformedChunks = malformedChunks;
    }

    public boolean isHonourRetryAfter() {
        return honourRetryAfter;
    }

    public void setHonourRetryAfter(boolean honourRetryAfter) {
        this.honourRetryAfter = honourRetryAfter;
    }

    public Map<String, Object> getAdditionalHeaders() {
        return additionalHeaders;
    }

    public void setAdditionalHeaders(Map<String, Object> additionalHeaders) {
        this.additionalHeaders = additionalHeaders;
    }

    public Map<String, Object> getAdditionalBodyProperties() {
        return additionalBodyProperties;
    }

    public void setAdditionalBodyProperties(Map<String, Object> additionalBodyProperties) {
        this.additionalBodyProperties = additionalBodyProperties;
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

    public String getModelSuccessor() {
        return modelSuccessor;
    }

    public void setModelSuccessor(String modelSuccessor) {
        this.modelSuccessor = modelSuccessor;
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

    public boolean isPropagateTraceContext() {
        return propagateTraceContext;
    }

    public void setPropagateTraceContext(boolean propagateTraceContext) {
        this.propagateTraceContext = propagateTraceContext;
    }
}
