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

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.auth.EntraTokenSource;
import io.github.camelinference.camel.inference.chat.ClassSchema;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.SchemaCheck;
import io.github.camelinference.camel.inference.chat.ToolSpec;
import io.github.camelinference.camel.inference.http.CallAuth;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.http.ModelCatalog;
import io.github.camelinference.camel.inference.http.SharedHttpClient;
import io.github.camelinference.camel.inference.lifecycle.ModelSuccession;
import io.github.camelinference.camel.inference.producer.ModelChanges;
import io.github.camelinference.camel.inference.provider.AzureDeployment;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.telemetry.CallTarget;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a chat-completions endpoint: OpenAI, the Hugging Face Inference Providers router, Azure OpenAI, or any
 * OpenAI-compatible server. Asynchronous: no thread waits while a call is in flight.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inference", title = "Inference", syntax = "inference:provider",
             producerOnly = true, category = { Category.AI }, headersClass = InferenceConstants.class)
public class InferenceEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceEndpoint.class);
    /** How long before a model's shutdown date the component starts warning. */
    public static final int SHUTDOWN_WARNING_DAYS = 30;
    /** The values option malformedChunks accepts (also checked by the Spring Boot starter). */
    public static final List<String> MALFORMED_CHUNK_POLICIES = List.of("fail", "skip");

    /** The values option reasoningEffort accepts (also checked by the Spring Boot starter). */
    public static final List<String> REASONING_EFFORTS = List.of("none", "minimal", "low", "medium", "high");
    /** The values option verbosity accepts. */
    public static final List<String> VERBOSITIES = List.of("low", "medium", "high");
    private static final List<String> RESPONSE_FORMATS = List.of("text", "json_object", "json_schema");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    @UriPath(description = "`openai`, `huggingface`, `azure` (Azure OpenAI), or a name of your choice for another"
                           + " OpenAI-compatible server (which then needs `baseUrl`). The name is reported in the `CamelInferenceProvider` header.")
    @Metadata(required = true)
    private String provider;

    @UriParam
    private InferenceConfiguration configuration;

    private ProviderType providerType;
    private URI baseUri;
    private AzureDeployment azure;
    private String resolvedApiKey;
    private JsonNode responseFormatJson;
    private List<String> stopSequences;
    private Map<String, Object> extraBody;
    private ChatClient client;
    private volatile RateLimiter rateLimiter;
    private volatile ModelCatalog modelCatalog;
    private SchemaCheck schemaCheck;
    private Class<?> outputType;
    private Map<String, BoundTool> tools = Map.of();
    private ModelChanges modelChanges;
    private volatile CallTarget callTarget;

    /** A tool as this endpoint sends it, checks its arguments, and runs it. */
    public record BoundTool(ToolSpec spec, SchemaCheck arguments, String endpointUri) {
    }

    public InferenceEndpoint(String uri, InferenceComponent component, String provider,
                             InferenceConfiguration configuration) {
        super(uri, component);
        this.provider = provider;
        this.configuration = configuration;
    }

    @Override
    public InferenceComponent getComponent() {
        return (InferenceComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        return new InferenceProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The inference component only sends: use it in to(...), not from(...)");
    }

    /**
     * Checks every option once, when the endpoint is created, so a typo fails at startup with what to fix rather than
     * at the first message.
     */
    void validate() {
        validateProvider();
        resolveBaseUri();
        resolveApiKey();
        validateModel();
        validateSampling();
        validateTimeouts();
        validateLimits();
        validateRateLimits();
        validateStreaming();
        validateProxy();
        validateRouterPolicy();
        resolveStopSequences();
        validatePrices();
        resolveOutputType();
        responseFormatJson = buildResponseFormat();
        validateToolOptions();
        bindTools();
        validateSchemaRetries(); // after buildResponseFormat, which sets the schema check
        resolveExtraBody();
        resolveSuccession();
        validateTelemetry();
    }

    /** captureContentMaxChars: a negative cap means nothing, an absurd one would make spans no backend accepts. */
    private void validateTelemetry() {
        int max = configuration.getCaptureContentMaxChars();
        if (max < 0 || max > CallTarget.MAX_CAPTURE_CHARS) {
            throw invalid("captureContentMaxChars must be between 0 and " + CallTarget.MAX_CAPTURE_CHARS
                          + " (the most characters of prompt or answer text recorded per span attribute), was "
                          + max);
        }
    }

    /**
     * The successors of retired models: the component's or endpoint's {@code modelSuccessors}, and this endpoint's
     * {@code modelSuccessor} for its own model; a self-successor or a cycle is refused here, at start.
     */
    private void resolveSuccession() {
        try {
            Map<String, String> successors = new LinkedHashMap<>(
                    ModelSuccession.parseSuccessors("modelSuccessors",
                            configuration.getModelSuccessors()));
            if (blankToNull(configuration.getModelSuccessor()) != null) {
                successors.put(lifecycleModel(), configuration.getModelSuccessor().trim());
            }
            modelChanges = new ModelChanges(
                    this, ModelSuccession.of(successors,
                            ModelSuccession.parseDates("modelShutdownDates", configuration.getModelShutdownDates())),
                    Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** The provider name, and how that provider speaks unless a profile already said so. */
    private void validateProvider() {
        if (provider == null || !PROVIDER_NAME.matcher(provider).matches()) {
            throw invalid("the provider name '" + provider + "' is not valid: use `openai`, `huggingface`, or a name"
                          + " of letters, digits, '.', '_' and '-' with a baseUrl");
        }
        if (providerType == null) {
            providerType = ProviderType.forName(provider);
        }
    }

    /** The baseUrl option, else the provider's built-in one; an http(s) URL with a host. */
    private void resolveBaseUri() {
        if (providerType == ProviderType.AZURE) {
            resolveAzure();
            return;
        }
        if (configuration.getResource() != null || configuration.getDeployment() != null
                || configuration.getApiVersion() != null) {
            throw invalid("resource, deployment and apiVersion apply to Azure OpenAI only (inference:azure), not to"
                          + " provider '" + provider + "'");
        }
        String base = configuration.getBaseUrl() != null ? configuration.getBaseUrl() : providerType.defaultBaseUrl();
        if (base == null) {
            throw invalid("provider '" + provider + "' is not built in (built in: openai, huggingface, azure), so it"
                          + " needs baseUrl, e.g. inference:" + provider + "?baseUrl=http://localhost:8000/v1&model=...");
        }
        try {
            baseUri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw invalid("baseUrl '" + base + "' is not a URL: " + e.getMessage());
        }
        if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme()) || baseUri.getHost() == null) {
            throw invalid("baseUrl '" + base + "' must be an http:// or https:// URL with a host");
        }
    }

    /**
     * Azure OpenAI's resource (or baseUrl), deployment and API version, checked and turned into the URL its calls go
     * to. On Azure the model is the deployment's name, so the model option is the deployment when that is not set.
     */
    private void resolveAzure() {
        String deployment = blankToNull(configuration.getDeployment());
        String model = blankToNull(configuration.getModel());
        if (deployment != null && model != null && !deployment.equals(model)) {
            throw invalid("deployment '" + deployment + "' and model '" + model + "' differ: on Azure OpenAI the"
                          + " model is the deployment's name, so set deployment only");
        }
        try {
            azure = AzureDeployment.resolve(configuration.getResource(), configuration.getBaseUrl(),
                    deployment != null ? deployment : model, configuration.getApiVersion());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
        configuration.setModel(azure.deployment());
        baseUri = azure.baseUri();
    }

    /**
     * Azure's auth: the apiKey option, else the credential option (Entra ID), else the AZURE_OPENAI_API_KEY environment
     * variable, else Entra ID through DefaultAzureCredential.
     */
    private void resolveAzureAuth() {
        Object credential = configuration.getCredential();
        if (credential instanceof String name) {
            // a bean's name, as a Spring Boot property or a profile gives it (a URI's #name is resolved by Camel)
            String bean = name.startsWith("#bean:") ? name.substring(6) : name.replaceFirst("^#", "");
            credential = getCamelContext().getRegistry().lookupByName(bean);
            if (credential == null) {
                throw invalid("credential names '" + bean + "', but there is no bean of that name: register a"
                              + " com.azure.core.credential.TokenCredential under it");
            }
            configuration.setCredential(credential);
        }
        if (resolvedApiKey != null && credential != null) {
            throw invalid("both apiKey and credential are set: set apiKey for the api-key header, or credential for"
                          + " Microsoft Entra ID tokens, not both");
        }
        if (resolvedApiKey == null && credential == null) {
            resolvedApiKey = blankToNull(getComponent().environmentValue(providerType.apiKeyEnvironmentVariable()));
        }
        if (resolvedApiKey != null) {
            return;
        }
        // no key: calls carry Microsoft Entra ID tokens, which need azure-identity (an optional dependency)
        if (getCamelContext().getClassResolver().resolveClass("com.azure.identity.DefaultAzureCredentialBuilder")
            == null) {
            throw invalid("no API key, so calls to Azure OpenAI need Microsoft Entra ID tokens, and those need"
                          + " com.azure:azure-identity on the classpath: add that dependency (1.18 or later), or set"
                          + " the apiKey option or the AZURE_OPENAI_API_KEY environment variable");
        }
        String problem = EntraTokenSource.checkCredential(credential);
        if (problem != null) {
            throw invalid(problem);
        }
        if (configuration.getTokenScope() == null || configuration.getTokenScope().isBlank()) {
            throw invalid("tokenScope must not be blank (Azure OpenAI's is"
                          + " https://cognitiveservices.azure.com/.default)");
        }
        checkPositive("tokenFetchTimeout", configuration.getTokenFetchTimeout());
    }

    /** The apiKey option, else the provider's environment variable when the provider needs a key. */
    private void resolveApiKey() {
        resolvedApiKey = blankToNull(configuration.getApiKey());
        if (providerType == ProviderType.AZURE) {
            resolveAzureAuth();
            return;
        }
        if (configuration.getCredential() != null) {
            throw invalid("credential (Microsoft Entra ID) applies to Azure OpenAI only (inference:azure), not to"
                          + " provider '" + provider + "'");
        }
        if (resolvedApiKey == null && providerType.requiresApiKey()) {
            resolvedApiKey = blankToNull(getComponent().environmentValue(providerType.apiKeyEnvironmentVariable()));
            if (resolvedApiKey == null) {
                throw invalid("no API key for provider '" + provider + "': set the "
                              + providerType.apiKeyEnvironmentVariable() + " environment variable or the apiKey option"
                              + " (e.g. apiKey={{env:" + providerType.apiKeyEnvironmentVariable() + "}})");
            }
        }
    }

    private void validateModel() {
        if (configuration.getModel() == null && providerType.defaultModel() == null) {
            throw invalid("provider '" + provider + "' has no default model: set the model option");
        }
    }

    /** The options that shape the answer: reasoning, verbosity, format, temperature, topP and maxTokens. */
    private void validateSampling() {
        checkOneOf("reasoningEffort", configuration.getReasoningEffort(), REASONING_EFFORTS);
        checkOneOf("verbosity", configuration.getVerbosity(), VERBOSITIES);
        checkOneOf("responseFormat", configuration.getResponseFormat(), RESPONSE_FORMATS);
        checkRange("temperature", configuration.getTemperature(), 0, 2);
        checkRange("topP", configuration.getTopP(), 0, 1);
        if (configuration.getMaxTokens() != null && configuration.getMaxTokens() < 1) {
            throw invalid("maxTokens must be at least 1, was " + configuration.getMaxTokens());
        }
        if (configuration.getBudgetOutputTokens() < 1) {
            throw invalid("budgetOutputTokens must be at least 1, was " + configuration.getBudgetOutputTokens());
        }
    }

    /** The timeouts, and the connection pool's size. */
    private void validateTimeouts() {
        checkPositive("connectTimeout", configuration.getConnectTimeout());
        checkPositive("maxConnections", configuration.getMaxConnections());
        checkPositive("requestTimeout", configuration.getRequestTimeout());
        if (configuration.getFirstTokenTimeout() < 0) {
            throw invalid("firstTokenTimeout must not be negative (0 picks by model), was "
                          + configuration.getFirstTokenTimeout());
        }
        if (configuration.getStreamIdleTimeout() < 0) {
            throw invalid("streamIdleTimeout must not be negative (0 picks by model), was "
                          + configuration.getStreamIdleTimeout());
        }
    }

    /** The caps on what one call may hold and how long a stream may run. */
    private void validateLimits() {
        checkPositive("streamTimeout", configuration.getStreamTimeout());
        checkPositive("maxResponseBytes", configuration.getMaxResponseBytes());
        checkPositive("maxLineLength", configuration.getMaxLineLength());
        checkPositive("maxAnswerChars", configuration.getMaxAnswerChars());
        if (configuration.getMaxRetryAfter() < 0) {
            throw invalid("maxRetryAfter must not be negative, was " + configuration.getMaxRetryAfter());
        }
    }

    /** The rate limits, and the account they are kept under (never the API key: names end up in logs and keys). */
    private void validateRateLimits() {
        if (configuration.getRequestsPerMinute() < 0 || configuration.getTokensPerMinute() < 0) {
            throw invalid("requestsPerMinute and tokensPerMinute must not be negative (0: no limit)");
        }
        if (configuration.getRateLimitMaxWait() < 0) {
            throw invalid("rateLimitMaxWait must not be negative, was " + configuration.getRateLimitMaxWait());
        }
        String account = configuration.getRateLimitAccount();
        if (account != null && (account.isBlank()
                || resolvedApiKey != null && resolvedApiKey.length() >= 8 && account.contains(resolvedApiKey))) {
            throw invalid("rateLimitAccount must be a name for the account (e.g. openai-prod), not blank and not the"
                          + " API key");
        }
    }

    /** The account an endpoint's rate limits are kept under: the option, else provider@host[:port]. */
    String rateLimitAccount() {
        if (configuration.getRateLimitAccount() != null) {
            return configuration.getRateLimitAccount();
        }
        return provider + "@" + baseUri.getHost() + (baseUri.getPort() == -1 ? "" : ":" + baseUri.getPort());
    }

    private void validateStreaming() {
        if (configuration.isAggregateStream() && !configuration.isStream()) {
            throw invalid("aggregateStream=true needs stream=true");
        }
        checkOneOf("malformedChunks", configuration.getMalformedChunks(), MALFORMED_CHUNK_POLICIES);
    }

    private void validateProxy() {
        if (configuration.getProxyPort() != null && configuration.getProxyHost() == null) {
            throw invalid("proxyPort is set but proxyHost is not");
        }
        if ((configuration.getProxyUsername() != null || configuration.getProxyPassword() != null)
                && configuration.getProxyHost() == null) {
            throw invalid("proxyUsername/proxyPassword are set but proxyHost is not");
        }
        if ((configuration.getProxyUsername() == null) != (configuration.getProxyPassword() == null)) {
            throw invalid("proxyUsername and proxyPassword go together: set both or neither");
        }
    }

    private void validateRouterPolicy() {
        if (configuration.getRouterPolicy() != null && !providerType.routesByModelSuffix()) {
            throw invalid("routerPolicy applies to the Hugging Face router only, not to provider '" + provider + "'");
        }
    }

    /** The comma-separated stop option as a list of at most 4 sequences. */
    private void resolveStopSequences() {
        stopSequences = configuration.getStop() == null
                ? null
                : Arrays.stream(configuration.getStop().split(",")).filter(s -> !s.isEmpty()).toList();
        if (stopSequences != null && stopSequences.size() > 4) {
            throw invalid("stop takes at most 4 sequences, got " + stopSequences.size());
        }
    }

    private void validatePrices() {
        if ((configuration.getInputPrice() == null) != (configuration.getOutputPrice() == null)) {
            throw invalid("inputPrice and outputPrice go together (USD per million tokens): set both or neither");
        }
        for (Double price : new Double[] {
                configuration.getInputPrice(), configuration.getCachedInputPrice(),
                configuration.getOutputPrice() }) {
            if (price != null && price < 0) {
                throw invalid("prices must not be negative, was " + price);
            }
        }
    }

    /** The outputClass option as a class of the application. */
    private void resolveOutputType() {
        if (configuration.getOutputClass() != null) {
            outputType = getCamelContext().getClassResolver().resolveClass(configuration.getOutputClass());
            if (outputType == null) {
                throw invalid("outputClass '" + configuration.getOutputClass() + "' is not on the classpath");
            }
        }
    }

    private void validateToolOptions() {
        checkOneOf("toolMode", configuration.getToolMode(), List.of("auto", "manual"));
        checkOneOf("toolErrors", configuration.getToolErrors(), List.of("report", "fail"));
        if (configuration.getMaxToolRounds() < 1) {
            throw invalid("maxToolRounds must be at least 1, was " + configuration.getMaxToolRounds());
        }
        if (configuration.getMaxToolCallsPerRound() < 1) {
            throw invalid("maxToolCallsPerRound must be at least 1, was " + configuration.getMaxToolCallsPerRound());
        }
    }

    /** Looks up the InferenceTool beans the tools option names, and binds each to its schema and endpoint. */
    private void bindTools() {
        tools = new LinkedHashMap<>();
        if (configuration.getTools() == null) {
            return;
        }
        for (String beanName : configuration.getTools().split(",")) {
            String trimmed = beanName.trim().replaceFirst("^#", "");
            InferenceTool tool = getCamelContext().getRegistry().lookupByNameAndType(trimmed, InferenceTool.class);
            if (tool == null) {
                throw invalid("tools names '" + trimmed + "', but there is no InferenceTool bean of that name");
            }
            String name = tool.getName() != null ? tool.getName() : trimmed;
            if (tool.getEndpoint() == null) {
                throw invalid("tool '" + name + "' has no endpoint to run it");
            }
            JsonNode schema;
            try {
                schema = getComponent().wire().readTree(tool.getParameters());
            } catch (Exception e) {
                throw invalid("tool '" + name + "' parameters are not a JSON schema object: " + e.getMessage());
            }
            tools.put(name, new BoundTool(
                    new ToolSpec(name, tool.getDescription(), schema),
                    new SchemaCheck(schema, getComponent().wire().mapper()), tool.getEndpoint()));
        }
    }

    private void validateSchemaRetries() {
        if (configuration.getSchemaRetries() < 0 || configuration.getSchemaRetries() > 3) {
            throw invalid("schemaRetries must be between 0 and 3, was " + configuration.getSchemaRetries());
        }
        if (configuration.getSchemaRetries() > 0 && schemaCheck == null) {
            throw invalid("schemaRetries needs jsonSchema or outputClass");
        }
    }

    /** The additionalBodyProperty values, typed: booleans, numbers and JSON become such in the request. */
    private void resolveExtraBody() {
        extraBody = new LinkedHashMap<>();
        if (configuration.getAdditionalBodyProperties() != null) {
            configuration.getAdditionalBodyProperties().forEach((k, v) -> extraBody.put(k, bodyValue(v)));
        }
    }

    private JsonNode buildResponseFormat() {
        boolean schemaGiven = configuration.getJsonSchema() != null || outputType != null;
        String format = schemaGiven ? "json_schema" : configuration.getResponseFormat();
        if ("json_schema".equals(format) && !schemaGiven) {
            throw invalid("responseFormat=json_schema needs jsonSchema (inline JSON, classpath:... or file:...)");
        }
        if (format == null || "text".equals(format)) {
            return null;
        }
        ObjectNode node = getComponent().wire().mapper().createObjectNode().put("type", format);
        if ("json_schema".equals(format)) {
            if (!SCHEMA_NAME.matcher(configuration.getJsonSchemaName()).matches()) {
                throw invalid("jsonSchemaName '" + configuration.getJsonSchemaName() + "' must be 1 to 64 letters,"
                              + " digits, '_' or '-'");
            }
            ObjectNode schema = node.putObject("json_schema");
            schema.put("name", configuration.getJsonSchema() == null && "answer".equals(configuration.getJsonSchemaName())
                    ? outputType.getSimpleName() : configuration.getJsonSchemaName());
            schema.put("strict", true);
            JsonNode loaded = configuration.getJsonSchema() != null
                    ? loadSchema(configuration.getJsonSchema())
                    : ClassSchema.of(outputType);
            schema.set("schema", loaded);
            try {
                schemaCheck = new SchemaCheck(loaded, getComponent().wire().mapper());
            } catch (RuntimeException e) {
                throw invalid("jsonSchema is not a usable JSON schema: " + e.getMessage());
            }
        }
        return node;
    }

    private JsonNode loadSchema(String value) {
        String text;
        String trimmed = value.trim();
        if (trimmed.startsWith("{")) {
            text = trimmed;
        } else {
            try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), trimmed)) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw invalid("cannot read jsonSchema '" + value + "': " + e.getMessage()
                              + " (use classpath:..., file:... or inline JSON)");
            }
        }
        try {
            JsonNode schema = getComponent().wire().readTree(text);
            return schema;
        } catch (Exception e) {
            throw invalid("jsonSchema '" + (trimmed.startsWith("{") ? "(inline)" : value)
                          + "' is not a JSON object: " + e.getMessage());
        }
    }

    private Object bodyValue(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        String trimmed = text.trim();
        if ("true".equals(trimmed) || "false".equals(trimmed)) {
            return Boolean.valueOf(trimmed);
        }
        if (trimmed.matches("-?\\d{1,18}")) {
            return Long.valueOf(trimmed);
        }
        if (trimmed.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.valueOf(trimmed);
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return getComponent().wire().mapper().readTree(trimmed);
            } catch (Exception e) {
                throw invalid("additionalBodyProperty value '" + text + "' looks like JSON but is not: "
                              + e.getMessage());
            }
        }
        return text;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        Map<String, String> headers = new LinkedHashMap<>();
        if (configuration.getBillTo() != null) {
            headers.put("X-HF-Bill-To", configuration.getBillTo());
        }
        if (configuration.getAdditionalHeaders() != null) {
            configuration.getAdditionalHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        ChatClient.Settings settings = new ChatClient.Settings(
                provider, providerType, baseUri, resolvedApiKey,
                Map.copyOf(headers), Duration.ofMillis(configuration.getRequestTimeout()),
                firstTokenTimeout(),
                streamIdleTimeout(),
                new ChatClient.Limits(
                        configuration.getMaxResponseBytes(), configuration.getMaxLineLength(),
                        configuration.getMaxAnswerChars(), Duration.ofMillis(configuration.getStreamTimeout()),
                        Duration.ofMillis(configuration.getMaxRetryAfter())),
                "skip".equals(configuration.getMalformedChunks()));
        SharedHttpClient http = getComponent().httpClient(configuration);
        ChatClient.Access access = providerType == ProviderType.AZURE
                ? new ChatClient.Access(azure.completionsUri(), azureAuth()) : ChatClient.Access.of(settings);
        client = new ChatClient(
                settings, access, http, getComponent().timers(), getComponent().wire(),
                Clock.systemUTC(), http.inFlight());
        if (configuration.getRequestsPerMinute() > 0 || configuration.getTokensPerMinute() > 0) {
            rateLimiter = new RateLimiter(
                    getComponent().rateLimitStore(), provider, rateLimitAccount(),
                    configuration.getRequestsPerMinute(), configuration.getTokensPerMinute(), getComponent().timers());
            if (configuration.isRateLimitFromHeaders()) {
                client.onResponseHeaders(rateLimiter::learn);
            }
        }
        client.propagateTraceContext(configuration.isPropagateTraceContext());
        callTarget = CallTarget.of(providerType.name(), provider, baseUri,
                rateLimiter == null ? null : rateLimiter.account(), configuration.isCaptureContent(),
                configuration.getCaptureContentMaxChars());
        if (providerType != ProviderType.AZURE) {
            // an Azure deployment has a name of its own and follows Azure's retirement table, not the model list
            watchModelShutdown(getComponent().modelCatalog(settings, http.get()));
        }
    }

    /** Azure's {@code api-key} header when a key is set, else a Microsoft Entra ID token. */
    private CallAuth azureAuth() {
        if (resolvedApiKey != null) {
            return CallAuth.key(providerType.apiKeyHeader(), providerType.apiKeyPrefix(), resolvedApiKey);
        }
        return getComponent().entraTokens(provider, configuration.getCredential(), configuration.getTokenScope(),
                Duration.ofMillis(configuration.getTokenFetchTimeout()));
    }

    /**
     * Whether this endpoint holds a Microsoft Entra ID token and until when (never the token): null when it uses a key,
     * or before it starts. Health checks read it.
     */
    public CallAuth.TokenStatus getTokenStatus() {
        return client == null ? null : client.tokenStatus();
    }

    /** Warns once, when the provider's model list arrives, if the model shuts down within 30 days; never waits. */
    private void watchModelShutdown(ModelCatalog catalog) {
        modelCatalog = catalog;
        catalog.whenLoaded().whenComplete((dates, failure) -> {
            if (failure != null) {
                LOG.debug("{}: no model list, so no shutdown dates: {}", provider, failure.toString());
                return;
            }
            String warning = getModelShutdownWarning();
            if (warning != null && getComponent().firstShutdownWarning(provider + " " + lifecycleModel())) {
                LOG.warn("{}: {}", provider, warning);
            }
        });
    }

    /** The configured model, as the provider's model list names it (no router suffix). */
    private String lifecycleModel() {
        return configuration.getModel() != null ? configuration.getModel() : providerType.defaultModel();
    }

    /**
     * A warning when the configured model shuts down within {@value #SHUTDOWN_WARNING_DAYS} days by the provider's
     * model list ({@code shutdown_date}), else null; null too while the list has not arrived or when the provider has
     * none. Health checks read it.
     */
    public String getModelShutdownWarning() {
        String model = lifecycleModel();
        if (modelCatalog == null || model == null) {
            return null;
        }
        return ModelCatalog.shutdownWarning(model, modelCatalog.shutdownDate(model), LocalDate.now(Clock.systemUTC()),
                SHUTDOWN_WARNING_DAYS);
    }

    /** The model's shutdown date by the provider's model list, or null while unknown. */
    public LocalDate catalogShutdownDate(String model) {
        return modelCatalog == null ? null : modelCatalog.shutdownDate(model);
    }

    /** Whether this is the first time this CamelContext's component logs the warning of this key. */
    public boolean firstWarning(String key) {
        return getComponent().firstShutdownWarning(provider + " " + key);
    }

    /** What keeps this endpoint answering when its model is retired or refuses a parameter. */
    public ModelChanges modelChanges() {
        return modelChanges;
    }

    // why 10 s: such a model sends its first token, and each next event, well within a second, while callers often
    // give up after 15 s; a silent or stalled provider must be left, and the next target started, well within that
    /** The first-token timeout of a model that answers without reasoning first. */
    static final Duration FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(10);
    /** For a model that reasons at medium or high effort before its first visible token. */
    static final Duration REASONING_FIRST_TOKEN_TIMEOUT = Duration.ofSeconds(90);
    /** The longest silence between two events of a model that answers without reasoning. */
    static final Duration STREAM_IDLE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * For a model that reasons at medium or high effort: it may pause mid-answer to think again (before a tool call).
     */
    static final Duration REASONING_STREAM_IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** The first-token timeout: the option when set, else by how much the model reasons first. */
    Duration firstTokenTimeout() {
        return firstTokenTimeout(configuration.getReasoningEffort());
    }

    /** The stream idle timeout: the option when set, else by how much the model reasons. */
    Duration streamIdleTimeout() {
        return streamIdleTimeout(configuration.getReasoningEffort());
    }

    /** The first-token timeout of a call at this reasoning effort (a message may ask for its own). */
    public Duration firstTokenTimeout(String reasoningEffort) {
        if (configuration.getFirstTokenTimeout() > 0) {
            return Duration.ofMillis(configuration.getFirstTokenTimeout());
        }
        return reasonsAtLength(reasoningEffort) ? REASONING_FIRST_TOKEN_TIMEOUT : FIRST_TOKEN_TIMEOUT;
    }

    /** The stream idle timeout of a call at this reasoning effort (a message may ask for its own). */
    public Duration streamIdleTimeout(String reasoningEffort) {
        if (configuration.getStreamIdleTimeout() > 0) {
            return Duration.ofMillis(configuration.getStreamIdleTimeout());
        }
        return reasonsAtLength(reasoningEffort) ? REASONING_STREAM_IDLE_TIMEOUT : STREAM_IDLE_TIMEOUT;
    }

    /** Medium or high effort, or none set for OpenAI (GPT-5 models reason at medium by default). */
    private boolean reasonsAtLength(String effort) {
        return "medium".equals(effort) || "high".equals(effort)
                || effort == null && (providerType == ProviderType.OPENAI || providerType == ProviderType.AZURE);
    }

    private void checkOneOf(String option, String value, List<String> accepted) {
        if (value != null && !accepted.contains(value)) {
            throw invalid("invalid value '" + value + "' for option " + option + ": accepted values are "
                          + String.join(", ", accepted.stream().sorted().toList()));
        }
    }

    private void checkRange(String option, Double value, double min, double max) {
        if (value != null && (value < min || value > max)) {
            throw invalid(option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private void checkPositive(String option, long value) {
        if (value <= 0) {
            throw invalid(option + " must be positive, was " + value);
        }
    }

    private IllegalArgumentException invalid(String message) {
        return new IllegalArgumentException("inference:" + provider + ": " + message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The limiter of this endpoint's provider account (set when the endpoint starts), or null without requestsPerMinute
     * and tokensPerMinute. A failover step asks it whether the target is rate-limited.
     */
    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** What this endpoint's spans and metrics say about where its calls go (set when the endpoint starts). */
    public CallTarget callTarget() {
        return callTarget;
    }

    /** The client that sends this endpoint's calls (set when the endpoint starts). */
    public ChatClient client() {
        return client;
    }

    /** How this endpoint's provider speaks. */
    public ProviderType providerType() {
        return providerType;
    }

    /** How this endpoint speaks when its name is not a built-in one (set by a named provider profile). */
    void setProviderType(ProviderType providerType) {
        this.providerType = providerType;
    }

    /** The tools, by the name the model calls them. */
    public Map<String, BoundTool> tools() {
        return tools;
    }

    /** The check answers must pass, or null without jsonSchema. */
    public SchemaCheck schemaCheck() {
        return schemaCheck;
    }

    /** The class a matching answer becomes, or null. */
    public Class<?> outputType() {
        return outputType;
    }

    /** The {@code response_format} to send, or null for plain text. */
    public JsonNode responseFormatJson() {
        return responseFormatJson;
    }

    /** The stop sequences to send, or null. */
    public List<String> stopSequences() {
        return stopSequences;
    }

    /** The additionalBodyProperty values, typed, to add to every request. */
    public Map<String, Object> extraBody() {
        return extraBody;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public InferenceConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InferenceConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The prices for an answer from this model: the endpoint's own, else the built-in ones, else null. */
    public Prices prices(String responseModel) {
        if (configuration.getInputPrice() != null) {
            double cached = configuration.getCachedInputPrice() != null
                    ? configuration.getCachedInputPrice()
                    : configuration.getInputPrice();
            return new Prices(configuration.getInputPrice(), cached, configuration.getOutputPrice());
        }
        return Prices.builtIn(responseModel);
    }

    /** The model id to send: the router's backend policy is a suffix on it. */
    public String modelId(String model) {
        String policy = configuration.getRouterPolicy();
        if (policy == null || model.contains(":")) {
            return model;
        }
        return model + ":" + policy.toLowerCase(Locale.ROOT);
    }
}
