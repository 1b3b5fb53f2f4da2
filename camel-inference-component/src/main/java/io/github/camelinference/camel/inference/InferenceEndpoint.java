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

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.http.CallAuth;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.http.ModelCatalog;
import io.github.camelinference.camel.inference.http.SharedHttpClient;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import io.github.camelinference.camel.inference.options.OptionsResolver;
import io.github.camelinference.camel.inference.producer.EndpointServices;
import io.github.camelinference.camel.inference.producer.ModelChanges;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a chat-completions endpoint: OpenAI, the Hugging Face Inference Providers router, Azure OpenAI, or any
 * OpenAI-compatible server. Asynchronous: no thread waits while a call is in flight.
 * <p>
 * The endpoint keeps the lifecycle and the client: its options are checked and derived once, when it is created
 * ({@link OptionsResolver}), and its producer takes what its calls share from {@link #services()}.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inference", title = "Inference", syntax = "inference:provider",
             producerOnly = true, category = { Category.AI }, headersClass = InferenceConstants.class)
public class InferenceEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceEndpoint.class);
    /** How long before a model's shutdown date the component starts warning. */
    public static final int SHUTDOWN_WARNING_DAYS = 30;
    // the values these options accept, where the Spring Boot starter has found them so far
    public static final List<String> MALFORMED_CHUNK_POLICIES = OptionsResolver.MALFORMED_CHUNK_POLICIES;
    public static final List<String> REASONING_EFFORTS = OptionsResolver.REASONING_EFFORTS;
    public static final List<String> VERBOSITIES = OptionsResolver.VERBOSITIES;

    @UriPath(description = "`openai`, `huggingface`, `azure` (Azure OpenAI), or a name of your choice for another"
                           + " OpenAI-compatible server (which then needs `baseUrl`). The name is reported in the `CamelInferenceProvider` header.")
    @Metadata(required = true)
    private String provider;

    @UriParam
    private InferenceConfiguration configuration;

    private ProviderType profileType;
    private volatile EndpointOptions options;
    private volatile EndpointServices services;
    private volatile ModelCatalog modelCatalog;
    private ModelChanges modelChanges;

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

    /** Checks every option once, when the endpoint is created, so a typo fails at startup with what to fix. */
    void validate() {
        options = OptionsResolver.resolve(provider, profileType, configuration, getCamelContext(),
                getComponent()::environmentValue, getComponent().wire());
        if (options.azure() != null) {
            // on Azure the model is the deployment: a failover step names its targets by the model option
            configuration.setModel(options.model());
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (options == null) {
            validate();
        }
        SharedHttpClient http = getComponent().httpClient(configuration);
        ChatClient.Access access = options.azure() != null
                ? new ChatClient.Access(options.azure().deployment().completionsUri(), azureAuth())
                : ChatClient.Access.of(options.client());
        ChatClient client = new ChatClient(
                options.client(), access, http, getComponent().timers(), getComponent().wire(), Clock.systemUTC(),
                http.inFlight());
        EndpointOptions.RateLimits limits = options.rateLimits();
        RateLimiter limiter = null;
        if (limits.limited()) {
            limiter = new RateLimiter(
                    getComponent().rateLimitStore(), provider, limits.account(),
                    limits.requestsPerMinute(), limits.tokensPerMinute(), getComponent().timers());
            if (limits.fromHeaders()) {
                client.onResponseHeaders(limiter::learn);
            }
        }
        client.propagateTraceContext(options.telemetry().propagateTraceContext());
        CallTarget target = CallTarget.of(options.providerType().name(), provider, options.client().baseUri(),
                limiter == null ? null : limiter.account(), options.telemetry().captureContent(),
                options.telemetry().captureContentMaxChars());
        if (modelChanges == null) {
            // what it learns (a model is gone, a value is refused) outlives a restart of the endpoint
            modelChanges = new ModelChanges(
                    options, Clock.systemUTC(), this::catalogShutdownDate, this::firstWarning,
                    getComponent().telemetry(), getComponent().observers());
        }
        services = new EndpointServices(
                options, client, limiter, getComponent().continuations(),
                getComponent().telemetry(), target, new EndpointObservers(this, getComponent().observers()), modelChanges);
        if (options.azure() == null) {
            // an Azure deployment has a name of its own and follows Azure's retirement table, not the model list
            watchModelShutdown(getComponent().modelCatalog(options.client(), http.get()));
        }
    }

    /** Azure's {@code api-key} header when a key is set, else a Microsoft Entra ID token. */
    private CallAuth azureAuth() {
        if (options.client().apiKey() != null) {
            return CallAuth.key(options.providerType().apiKeyHeader(), options.providerType().apiKeyPrefix(),
                    options.client().apiKey());
        }
        EndpointOptions.AzureAccess azure = options.azure();
        return getComponent().entraTokens(provider, azure.credential(), azure.tokenScope(), azure.tokenFetchTimeout());
    }

    /**
     * Whether this endpoint holds a Microsoft Entra ID token and until when (never the token): null when it uses a key,
     * or before it starts. Health checks read it.
     */
    public CallAuth.TokenStatus getTokenStatus() {
        return services == null ? null : services.client().tokenStatus();
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
            if (warning != null && firstWarning(options.model())) {
                LOG.warn("{}: {}", provider, warning);
            }
        });
    }

    /**
     * A warning when the configured model shuts down within {@value #SHUTDOWN_WARNING_DAYS} days by the provider's
     * model list ({@code shutdown_date}), else null; null too while the list has not arrived or when the provider has
     * none. Health checks read it.
     */
    public String getModelShutdownWarning() {
        String model = options == null ? null : options.model();
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

    private boolean firstWarning(String key) {
        return getComponent().firstShutdownWarning(provider + " " + key);
    }

    /** The options as this endpoint's calls use them: checked and derived when it was created. */
    public EndpointOptions options() {
        return options;
    }

    /** What this endpoint's calls share (set when the endpoint starts). */
    public EndpointServices services() {
        return services;
    }

    /** The account's rate limiter once started, null without limits: a failover step asks it if it is limited. */
    public RateLimiter rateLimiter() {
        return services == null ? null : services.limiter();
    }

    /** The prices for an answer from this model: the endpoint's own, else the built-in ones, else null. */
    public Prices prices(String responseModel) {
        return options.prices(responseModel);
    }

    /** How this endpoint speaks when its name is not a built-in one (set by a named provider profile). */
    void setProviderType(ProviderType providerType) {
        this.profileType = providerType;
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
}
