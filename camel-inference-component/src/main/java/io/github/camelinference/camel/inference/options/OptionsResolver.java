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

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.InferenceConfiguration;
import io.github.camelinference.camel.inference.InferenceTool;
import io.github.camelinference.camel.inference.auth.EntraTokenSource;
import io.github.camelinference.camel.inference.chat.BoundTool;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.ExtraBody;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.StructuredOutput;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.lifecycle.ModelSuccession;
import io.github.camelinference.camel.inference.provider.AzureDeployment;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.telemetry.CallTarget;
import org.apache.camel.CamelContext;
import org.apache.camel.support.ResourceHelper;

/**
 * Checks an endpoint's options, all in one place, and derives what its calls use ({@link EndpointOptions}), so that a
 * typo fails when the endpoint is created, with what to fix, rather than at the first message. Every error is an
 * {@link IllegalArgumentException} whose message starts with {@code inference:<provider>:}. The component checks its
 * own options, the defaults of every endpoint, with the same value checks when it starts ({@link #checkDefaults}).
 * <p>
 * It reads the options and never writes them. Camel is used only to look up what options name: beans (tools, an Entra
 * ID credential), classes (outputClass) and resources (jsonSchema).
 */
public final class OptionsResolver {

    /** The values option malformedChunks accepts. */
    public static final List<String> MALFORMED_CHUNK_POLICIES = List.of("fail", "skip");
    /** The values option reasoningEffort accepts. */
    public static final List<String> REASONING_EFFORTS = List.of("none", "minimal", "low", "medium", "high");
    /** The values option verbosity accepts. */
    public static final List<String> VERBOSITIES = List.of("low", "medium", "high");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
    private static final String AZURE_IDENTITY = "com.azure.identity.DefaultAzureCredentialBuilder";

    /** The endpoint's provider name; null for the component's own options. */
    private final String provider;
    private final InferenceConfiguration config;
    private final CamelContext context;
    private final Function<String, String> environment;
    private final ChatWireFormat wire;

    // what the steps below derive, in order
    private ProviderType type;
    private URI baseUri;
    private AzureDeployment azure;
    private String model;
    private String apiKey;
    private Object credential;
    private List<String> stop;
    private Prices prices;
    private ModelSuccession succession;

    private OptionsResolver(String provider, InferenceConfiguration config, CamelContext context,
                            Function<String, String> environment, ChatWireFormat wire) {
        this.provider = provider;
        this.config = config;
        this.context = context;
        this.environment = environment;
        this.wire = wire;
    }

    /**
     * @param  provider                 the endpoint's provider name
     * @param  type                     how it speaks when a named provider profile says so; null to go by the name
     * @param  environment              the environment variables (API keys are read from there when not set)
     * @throws IllegalArgumentException the first option that is wrong, and how to fix it
     */
    public static EndpointOptions resolve(
            String provider, ProviderType type, InferenceConfiguration config,
            CamelContext context, Function<String, String> environment, ChatWireFormat wire) {
        OptionsResolver resolver = new OptionsResolver(provider, config, context, environment, wire);
        resolver.type = type;
        return resolver.resolve();
    }

    /**
     * Checks the component's own options, the defaults of every endpoint, as each endpoint checks its values: ranges,
     * accepted values, positive numbers and durations, stop sequences, prices, model successors and shutdown dates. Not
     * what needs a provider (baseUrl, apiKey, Azure, routerPolicy, tools, jsonSchema): the component's options
     * legitimately lack those until an endpoint names its provider.
     *
     * @throws IllegalArgumentException the first value that is wrong, naming the option
     */
    public static void checkDefaults(InferenceConfiguration config) {
        new OptionsResolver(null, config, null, null, null).checkValues();
    }

    private EndpointOptions resolve() {
        checkProvider();
        resolveBaseUri();
        resolveApiKey();
        if (model == null && type.defaultModel() == null) {
            throw invalid("provider '" + provider + "' has no default model: set the model option");
        }
        model = model != null ? model : type.defaultModel();
        checkValues();
        EndpointOptions.RateLimits rateLimits = rateLimits();
        if (config.getRouterPolicy() != null && !type.routesByModelSuffix()) {
            throw invalid("routerPolicy applies to the Hugging Face router only, not to provider '" + provider + "'");
        }
        StructuredOutput output = structuredOutput(outputType());
        EndpointOptions.ToolUse toolUse = toolUse();
        Map<String, BoundTool> tools = bindTools();
        if (config.getSchemaRetries() > 0 && !output.checksSchema()) {
            throw invalid("schemaRetries needs jsonSchema or outputClass");
        }
        Map<String, Object> extraBody = attempt(() -> ExtraBody.typed(config.getAdditionalBodyProperties(), wire));
        int maxCapture = config.getCaptureContentMaxChars();
        EndpointOptions.Pacing pacing = new EndpointOptions.Pacing(
                config.getFirstTokenTimeout(), config.getStreamIdleTimeout(),
                type == ProviderType.OPENAI || type == ProviderType.AZURE);
        ChatClient.Settings settings = clientSettings(pacing);
        return new EndpointOptions(
                provider, type, model, settings, CallTimeouts.of(settings, null, null), pacing, azureAccess(),
                rateLimits,
                new EndpointOptions.MessageDefaults(
                        config.getSystemPrompt(), config.getTemperature(), config.getTopP(), config.getMaxTokens(),
                        config.getReasoningEffort(), config.getVerbosity(), stop, config.getSeed(), config.getUser(),
                        config.isStream(), config.isIncludeStreamUsage(), extraBody, config.getRouterPolicy()),
                output, tools, toolUse,
                new EndpointOptions.Spending(
                        config.getBudgetGuard(), config.getBudgetKey(), config.getBudgetOutputTokens(), prices),
                new EndpointOptions.Completion(
                        config.isAggregateStream(), config.isStreamReasoning(), config.isHonourRetryAfter(),
                        config.getMaxRetryAfter(), config.isDropUnsupportedParams()),
                succession,
                new EndpointOptions.Telemetry(
                        config.isPropagateTraceContext(), config.isCaptureContent(), maxCapture));
    }

    /** The provider name, and how that provider speaks unless a profile already said so. */
    private void checkProvider() {
        if (provider == null || !PROVIDER_NAME.matcher(provider).matches()) {
            throw invalid("the provider name '" + provider + "' is not valid: use `openai`, `huggingface`, or a name"
                          + " of letters, digits, '.', '_' and '-' with a baseUrl");
        }
        if (type == null) {
            type = ProviderType.forName(provider);
        }
    }

    /** The baseUrl option, else the provider's built-in one; an http(s) URL with a host. */
    private void resolveBaseUri() {
        if (type == ProviderType.AZURE) {
            model = blankToNull(config.getModel());
            resolveAzure();
            return;
        }
        model = config.getModel();
        if (config.getResource() != null || config.getDeployment() != null || config.getApiVersion() != null) {
            throw invalid("resource, deployment and apiVersion apply to Azure OpenAI only (inference:azure), not to"
                          + " provider '" + provider + "'");
        }
        String base = config.getBaseUrl() != null ? config.getBaseUrl() : type.defaultBaseUrl();
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
        String deployment = blankToNull(config.getDeployment());
        if (deployment != null && model != null && !deployment.equals(model)) {
            throw invalid("deployment '" + deployment + "' and model '" + model + "' differ: on Azure OpenAI the"
                          + " model is the deployment's name, so set deployment only");
        }
        azure = attempt(() -> AzureDeployment.resolve(config.getResource(), config.getBaseUrl(),
                deployment != null ? deployment : model, config.getApiVersion()));
        model = azure.deployment();
        baseUri = azure.baseUri();
    }

    /** The apiKey option, else the provider's environment variable when the provider needs a key. */
    private void resolveApiKey() {
        apiKey = blankToNull(config.getApiKey());
        if (type == ProviderType.AZURE) {
            resolveAzureAuth();
            return;
        }
        if (config.getCredential() != null) {
            throw invalid("credential (Microsoft Entra ID) applies to Azure OpenAI only (inference:azure), not to"
                          + " provider '" + provider + "'");
        }
        if (apiKey == null && type.requiresApiKey()) {
            apiKey = blankToNull(environment.apply(type.apiKeyEnvironmentVariable()));
            if (apiKey == null) {
                throw invalid("no API key for provider '" + provider + "': set the "
                              + type.apiKeyEnvironmentVariable() + " environment variable or the apiKey option"
                              + " (e.g. apiKey={{env:" + type.apiKeyEnvironmentVariable() + "}})");
            }
        }
    }

    /**
     * Azure's auth: the apiKey option, else the credential option (Entra ID), else the AZURE_OPENAI_API_KEY environment
     * variable, else Entra ID through DefaultAzureCredential.
     */
    private void resolveAzureAuth() {
        credential = config.getCredential();
        if (credential instanceof String name) {
            // a bean's name, as a Spring Boot property or a profile gives it (a URI's #name is resolved by Camel)
            String bean = name.startsWith("#bean:") ? name.substring(6) : name.replaceFirst("^#", "");
            credential = context.getRegistry().lookupByName(bean);
            if (credential == null) {
                throw invalid("credential names '" + bean + "', but there is no bean of that name: register a"
                              + " com.azure.core.credential.TokenCredential under it");
            }
        }
        if (apiKey != null && credential != null) {
            throw invalid("both apiKey and credential are set: set apiKey for the api-key header, or credential for"
                          + " Microsoft Entra ID tokens, not both");
        }
        if (apiKey == null && credential == null) {
            apiKey = blankToNull(environment.apply(type.apiKeyEnvironmentVariable()));
        }
        if (apiKey != null) {
            return;
        }
        // no key: calls carry Microsoft Entra ID tokens, which need azure-identity (an optional dependency)
        if (context.getClassResolver().resolveClass(AZURE_IDENTITY) == null) {
            throw invalid("no API key, so calls to Azure OpenAI need Microsoft Entra ID tokens, and those need"
                          + " com.azure:azure-identity on the classpath: add that dependency (1.18 or later), or set"
                          + " the apiKey option or the AZURE_OPENAI_API_KEY environment variable");
        }
        String problem = EntraTokenSource.checkCredential(credential);
        if (problem != null) {
            throw invalid(problem);
        }
        if (config.getTokenScope() == null || config.getTokenScope().isBlank()) {
            throw invalid("tokenScope must not be blank (Azure OpenAI's is"
                          + " https://cognitiveservices.azure.com/.default)");
        }
        checkPositive("tokenFetchTimeout", config.getTokenFetchTimeout());
    }

    private EndpointOptions.AzureAccess azureAccess() {
        return azure == null
                ? null : new EndpointOptions.AzureAccess(
                        azure, apiKey == null ? credential : null, config.getTokenScope(),
                        Duration.ofMillis(config.getTokenFetchTimeout()));
    }

    /**
     * The checks that need nothing but the options' own values, so the component runs them on its defaults too; keeps
     * the stop sequences, prices and model succession they parse.
     */
    private void checkValues() {
        checkSampling();
        checkTimeoutsAndLimits();
        if (config.getRequestsPerMinute() < 0 || config.getTokensPerMinute() < 0) {
            throw invalid("requestsPerMinute and tokensPerMinute must not be negative (0: no limit)");
        }
        if (config.getRateLimitMaxWait() < 0) {
            throw invalid("rateLimitMaxWait must not be negative, was " + config.getRateLimitMaxWait());
        }
        checkStreamingAndProxy();
        stop = stopSequences();
        prices = prices();
        checkToolUse();
        if (config.getSchemaRetries() < 0 || config.getSchemaRetries() > 3) {
            throw invalid("schemaRetries must be between 0 and 3, was " + config.getSchemaRetries());
        }
        int maxCapture = config.getCaptureContentMaxChars();
        if (maxCapture < 0 || maxCapture > CallTarget.MAX_CAPTURE_CHARS) {
            throw invalid("captureContentMaxChars must be between 0 and " + CallTarget.MAX_CAPTURE_CHARS
                          + " (the most characters of prompt or answer text recorded per span attribute), was "
                          + maxCapture);
        }
        succession = succession();
    }

    /** The options that shape the answer: reasoning, verbosity, format, temperature, topP and maxTokens. */
    private void checkSampling() {
        checkOneOf("reasoningEffort", config.getReasoningEffort(), REASONING_EFFORTS);
        checkOneOf("verbosity", config.getVerbosity(), VERBOSITIES);
        checkOneOf("responseFormat", config.getResponseFormat(), StructuredOutput.FORMATS);
        checkRange("temperature", config.getTemperature(), 0, 2);
        checkRange("topP", config.getTopP(), 0, 1);
        if (config.getMaxTokens() != null && config.getMaxTokens() < 1) {
            throw invalid("maxTokens must be at least 1, was " + config.getMaxTokens());
        }
        if (config.getBudgetOutputTokens() < 1) {
            throw invalid("budgetOutputTokens must be at least 1, was " + config.getBudgetOutputTokens());
        }
    }

    /** The timeouts, the connection pool's size, and the caps on what one call may hold and how long it may run. */
    private void checkTimeoutsAndLimits() {
        checkPositive("connectTimeout", config.getConnectTimeout());
        checkPositive("maxConnections", config.getMaxConnections());
        checkPositive("requestTimeout", config.getRequestTimeout());
        if (config.getFirstTokenTimeout() < 0) {
            throw invalid("firstTokenTimeout must not be negative (0 picks by model), was "
                          + config.getFirstTokenTimeout());
        }
        if (config.getStreamIdleTimeout() < 0) {
            throw invalid("streamIdleTimeout must not be negative (0 picks by model), was "
                          + config.getStreamIdleTimeout());
        }
        checkPositive("streamTimeout", config.getStreamTimeout());
        checkPositive("maxResponseBytes", config.getMaxResponseBytes());
        checkPositive("maxLineLength", config.getMaxLineLength());
        checkPositive("maxAnswerChars", config.getMaxAnswerChars());
        if (config.getMaxRetryAfter() < 0) {
            throw invalid("maxRetryAfter must not be negative, was " + config.getMaxRetryAfter());
        }
    }

    /**
     * The rate limits, and the account they are kept under: the option, else provider@host[:port] (never the API key:
     * names end up in logs and keys).
     */
    private EndpointOptions.RateLimits rateLimits() {
        String account = config.getRateLimitAccount();
        if (account != null && (account.isBlank()
                || apiKey != null && apiKey.length() >= 8 && account.contains(apiKey))) {
            throw invalid("rateLimitAccount must be a name for the account (e.g. openai-prod), not blank and not the"
                          + " API key");
        }
        if (account == null) {
            account = provider + "@" + baseUri.getHost() + (baseUri.getPort() == -1 ? "" : ":" + baseUri.getPort());
        }
        return new EndpointOptions.RateLimits(
                config.getRequestsPerMinute(), config.getTokensPerMinute(),
                Duration.ofMillis(config.getRateLimitMaxWait()), account, config.isRateLimitFromHeaders());
    }

    private void checkStreamingAndProxy() {
        if (config.isAggregateStream() && !config.isStream()) {
            throw invalid("aggregateStream=true needs stream=true");
        }
        checkOneOf("malformedChunks", config.getMalformedChunks(), MALFORMED_CHUNK_POLICIES);
        if (config.getProxyPort() != null && config.getProxyHost() == null) {
            throw invalid("proxyPort is set but proxyHost is not");
        }
        if ((config.getProxyUsername() != null || config.getProxyPassword() != null) && config.getProxyHost() == null) {
            throw invalid("proxyUsername/proxyPassword are set but proxyHost is not");
        }
        if ((config.getProxyUsername() == null) != (config.getProxyPassword() == null)) {
            throw invalid("proxyUsername and proxyPassword go together: set both or neither");
        }
    }

    /** The comma-separated stop option as a list of at most 4 sequences. */
    private List<String> stopSequences() {
        if (config.getStop() == null) {
            return null;
        }
        List<String> sequences = Arrays.stream(config.getStop().split(",")).filter(s -> !s.isEmpty()).toList();
        if (sequences.size() > 4) {
            throw invalid("stop takes at most 4 sequences, got " + sequences.size());
        }
        return sequences;
    }

    /** inputPrice, cachedInputPrice (input's when not set) and outputPrice; null when none is set. */
    private Prices prices() {
        if ((config.getInputPrice() == null) != (config.getOutputPrice() == null)) {
            throw invalid("inputPrice and outputPrice go together (USD per million tokens): set both or neither");
        }
        for (Double price : new Double[] { config.getInputPrice(), config.getCachedInputPrice(), config.getOutputPrice() }) {
            if (price != null && price < 0) {
                throw invalid("prices must not be negative, was " + price);
            }
        }
        if (config.getInputPrice() == null) {
            return null;
        }
        double cached = config.getCachedInputPrice() != null ? config.getCachedInputPrice() : config.getInputPrice();
        return new Prices(config.getInputPrice(), cached, config.getOutputPrice());
    }

    private Class<?> outputType() {
        if (config.getOutputClass() == null) {
            return null;
        }
        Class<?> type = context.getClassResolver().resolveClass(config.getOutputClass());
        if (type == null) {
            throw invalid("outputClass '" + config.getOutputClass() + "' is not on the classpath");
        }
        return type;
    }

    private StructuredOutput structuredOutput(Class<?> outputType) {
        String schema = config.getJsonSchema();
        String trimmed = schema == null ? null : schema.trim();
        Supplier<String> text = schema == null ? null : () -> trimmed.startsWith("{") ? trimmed : readSchema(schema);
        return attempt(() -> StructuredOutput.of(config.getResponseFormat(), text,
                trimmed != null && trimmed.startsWith("{") ? "(inline)" : schema, config.getJsonSchemaName(),
                outputType, wire));
    }

    private String readSchema(String value) {
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(context, value.trim())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "cannot read jsonSchema '" + value + "': " + e.getMessage()
                                               + " (use classpath:..., file:... or inline JSON)",
                    e);
        }
    }

    private void checkToolUse() {
        checkOneOf("toolMode", config.getToolMode(), List.of("auto", "manual"));
        checkOneOf("toolErrors", config.getToolErrors(), List.of("report", "fail"));
        if (config.getMaxToolRounds() < 1) {
            throw invalid("maxToolRounds must be at least 1, was " + config.getMaxToolRounds());
        }
        if (config.getMaxToolCallsPerRound() < 1) {
            throw invalid("maxToolCallsPerRound must be at least 1, was " + config.getMaxToolCallsPerRound());
        }
    }

    private EndpointOptions.ToolUse toolUse() {
        return new EndpointOptions.ToolUse(
                "auto".equals(config.getToolMode()), "report".equals(config.getToolErrors()),
                config.getMaxToolRounds(), config.getMaxToolCallsPerRound(), config.getSchemaRetries());
    }

    /** Looks up the InferenceTool beans the tools option names, and binds each to its schema and endpoint. */
    private Map<String, BoundTool> bindTools() {
        Map<String, BoundTool> tools = new LinkedHashMap<>();
        if (config.getTools() == null) {
            return Map.of();
        }
        for (String beanName : config.getTools().split(",")) {
            String trimmed = beanName.trim().replaceFirst("^#", "");
            InferenceTool tool = context.getRegistry().lookupByNameAndType(trimmed, InferenceTool.class);
            if (tool == null) {
                throw invalid("tools names '" + trimmed + "', but there is no InferenceTool bean of that name");
            }
            String name = tool.getName() != null ? tool.getName() : trimmed;
            if (tool.getEndpoint() == null) {
                throw invalid("tool '" + name + "' has no endpoint to run it");
            }
            tools.put(name, attempt(() -> BoundTool.of(
                    name, tool.getDescription(), tool.getParameters(), tool.getEndpoint(), wire)));
        }
        return Collections.unmodifiableMap(tools);
    }

    /**
     * The successors of retired models: the {@code modelSuccessors} option, and {@code modelSuccessor} for this
     * endpoint's own model (none for the component's defaults, which name no model yet); a self-successor or a cycle is
     * refused here.
     */
    private ModelSuccession succession() {
        return attempt(() -> {
            Map<String, String> successors = new LinkedHashMap<>(
                    ModelSuccession.parseSuccessors("modelSuccessors", config.getModelSuccessors()));
            if (model != null && blankToNull(config.getModelSuccessor()) != null) {
                successors.put(model, config.getModelSuccessor().trim());
            }
            return ModelSuccession.of(successors,
                    ModelSuccession.parseDates("modelShutdownDates", config.getModelShutdownDates()));
        });
    }

    private ChatClient.Settings clientSettings(EndpointOptions.Pacing pacing) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.getBillTo() != null) {
            headers.put("X-HF-Bill-To", config.getBillTo());
        }
        if (config.getAdditionalHeaders() != null) {
            config.getAdditionalHeaders().forEach((k, v) -> headers.put(k, String.valueOf(v)));
        }
        return new ChatClient.Settings(
                provider, type, baseUri, apiKey, Map.copyOf(headers), Duration.ofMillis(config.getRequestTimeout()),
                // at the endpoint's own reasoning effort; a message asking for another gets that effort's
                pacing.firstTokenTimeout(config.getReasoningEffort()),
                pacing.streamIdleTimeout(config.getReasoningEffort()),
                new ChatClient.Limits(
                        config.getMaxResponseBytes(), config.getMaxLineLength(), config.getMaxAnswerChars(),
                        Duration.ofMillis(config.getStreamTimeout()), Duration.ofMillis(config.getMaxRetryAfter())),
                "skip".equals(config.getMalformedChunks()));
    }

    /** Runs a step whose {@link IllegalArgumentException} says what is wrong, and reports it as this endpoint's. */
    private <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
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
        return new IllegalArgumentException(
                (provider == null ? "inference component" : "inference:" + provider) + ": " + message);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
