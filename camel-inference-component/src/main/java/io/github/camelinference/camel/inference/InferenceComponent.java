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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.auth.EntraTokenSource;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.http.CallAuth;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.http.ExchangeAbort;
import io.github.camelinference.camel.inference.http.GuardedSession;
import io.github.camelinference.camel.inference.http.InFlightCalls;
import io.github.camelinference.camel.inference.http.ModelCatalog;
import io.github.camelinference.camel.inference.http.SharedHttpClient;
import io.github.camelinference.camel.inference.options.OptionsResolver;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.camel.inference.telemetry.InferenceTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ShutdownStrategy;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.CamelContextHelper;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.auth.CredentialsProviderBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.pool.PoolStats;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inference:} component. Holds what all its endpoints share: the non-blocking HTTP clients (one per distinct
 * connect timeout, pool size, proxy and TLS setting, each with its connection pool and I/O threads, and rebuilt if its
 * I/O reactor loses a thread), one timer thread for the request, first-token and idle timeouts, and the pool where
 * routes carry on after an answer.
 */
@Component("inference")
public class InferenceComponent extends DefaultComponent {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceComponent.class);

    /** Threads where routes carry on after an answer: the size of Camel's default thread pool profile. */
    private static final int CONTINUATION_THREADS = 20;

    @Metadata(description = "Defaults for every endpoint of this component; an endpoint's own options override them.")
    private InferenceConfiguration configuration = new InferenceConfiguration();
    @Metadata(label = "advanced", autowired = true,
              description = "Where the rate limits (requestsPerMinute, tokensPerMinute) are counted, per account: a"
                            + " RateLimitStore bean, picked up by itself when the registry holds exactly one."
                            + " In memory by default (this component's endpoints share an account's limits); a"
                            + " RedisRateLimitStore (camel-inference-budget-redis) shares them between instances.")
    private RateLimitStore rateLimitStore;
    private volatile RateLimitStore defaultRateLimitStore;
    @Metadata(label = "advanced,telemetry", autowired = true,
              description = "The OpenTelemetry instance every call's span and GenAI metrics go to, picked up by itself"
                            + " when the registry holds exactly one. Without it, the global instance once something has"
                            + " set it (the SDK's autoconfigure, the Java agent); with neither, nothing is recorded.")
    private OpenTelemetry openTelemetry;
    @Metadata(label = "advanced,telemetry", defaultValue = "true",
              description = "Record the GenAI metrics (gen_ai.client.operation.duration, gen_ai.client.token.usage,"
                            + " gen_ai.client.operation.time_to_first_chunk, camel.inference.model.substitutions)"
                            + " through OpenTelemetry. The Spring Boot starter turns it off when it records them with"
                            + " Micrometer, so a call is never counted twice. Spans and the other counters are"
                            + " recorded either way.")
    private boolean openTelemetryMetrics = true;
    private volatile InferenceTelemetry telemetry;

    private final Map<String, ProviderProfile> profiles = new ConcurrentHashMap<>();
    private final List<CallObserver> observers = new CopyOnWriteArrayList<>();
    private final Map<ClientKey, SharedHttpClient> clients = new ConcurrentHashMap<>();
    private final ChatWireFormat wire = new ChatWireFormat(new ObjectMapper());
    private final Map<String, ModelCatalog> catalogs = new ConcurrentHashMap<>();
    private final Set<String> shutdownsWarned = ConcurrentHashMap.newKeySet();
    private Function<String, String> environment = System::getenv;
    private final InFlightCalls inFlight = new InFlightCalls();
    private ExecutorService continuations;
    private ScheduledExecutorService timers;
    private HttpClientHealthCheck healthCheck;
    /** Microsoft Entra ID token sources, one per credential and scope, shared by the endpoints that use them. */
    private final Map<EntraKey, CallAuth> entraTokens = new ConcurrentHashMap<>();
    /** The one thread that asks Entra credentials for tokens; started with the first Entra endpoint. */
    private ScheduledExecutorService tokenRefresher;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ProviderProfile profile = profiles.get(remaining);
        InferenceConfiguration config = profile != null ? profile.configuration().copy() : configuration.copy();
        // prefix options (additionalHeader.X=..., additionalBodyProperty.Y=...) are gathered into their maps here
        Map<String, Object> headers = PropertiesHelper.extractProperties(parameters, "additionalHeader.");
        Map<String, Object> bodyProperties = PropertiesHelper.extractProperties(parameters, "additionalBodyProperty.");
        if (!headers.isEmpty()) {
            config.setAdditionalHeaders(merge(config.getAdditionalHeaders(), headers));
        }
        if (!bodyProperties.isEmpty()) {
            config.setAdditionalBodyProperties(merge(config.getAdditionalBodyProperties(), bodyProperties));
        }
        InferenceEndpoint endpoint = new InferenceEndpoint(uri, this, remaining, config);
        if (profile != null) {
            endpoint.setProviderType(profile.type());
        }
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    private static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> own) {
        Map<String, Object> merged = defaults == null ? new LinkedHashMap<>() : new LinkedHashMap<>(defaults);
        merged.putAll(own);
        return merged;
    }

    public InferenceConfiguration getConfiguration() {
        return configuration;
    }

    public RateLimitStore getRateLimitStore() {
        return rateLimitStore;
    }

    public void setRateLimitStore(RateLimitStore rateLimitStore) {
        this.rateLimitStore = rateLimitStore;
    }

    /** The store the endpoints' rate limiters use: the one set or autowired, else this component's in-memory one. */
    RateLimitStore rateLimitStore() {
        RateLimitStore given = rateLimitStore;
        if (given != null) {
            return given;
        }
        synchronized (this) {
            if (defaultRateLimitStore == null) {
                defaultRateLimitStore = new InMemoryRateLimitStore();
            }
            return defaultRateLimitStore;
        }
    }

    /**
     * Registers a named provider profile: {@code inference:<name>} then starts from this configuration (instead of the
     * component's) and speaks as the given type, e.g. {@code openai-eu} as OpenAI at another base URL. Options on the
     * endpoint URI still override it.
     */
    public void addProviderProfile(String name, ProviderType type, InferenceConfiguration profileConfiguration) {
        profiles.put(name, new ProviderProfile(type, profileConfiguration));
    }

    public OpenTelemetry getOpenTelemetry() {
        return openTelemetry;
    }

    public void setOpenTelemetry(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    public boolean isOpenTelemetryMetrics() {
        return openTelemetryMetrics;
    }

    public void setOpenTelemetryMetrics(boolean openTelemetryMetrics) {
        this.openTelemetryMetrics = openTelemetryMetrics;
        InferenceTelemetry current = telemetry;
        if (current != null) {
            current.setGenAiMetrics(openTelemetryMetrics);
        }
    }

    /**
     * Where this component's spans and metrics go: the {@code openTelemetry} option (or the one OpenTelemetry bean in
     * the registry), else the global instance once it is set. Fixed at the first call to this method (at the latest
     * when the component starts).
     */
    public InferenceTelemetry telemetry() {
        InferenceTelemetry current = telemetry;
        if (current == null) {
            synchronized (this) {
                if (telemetry == null) {
                    if (openTelemetry == null && getCamelContext() != null) {
                        // as autowiring would (Camel Main, Spring Boot), also for a component added by hand
                        openTelemetry = CamelContextHelper.findSingleByType(getCamelContext(), OpenTelemetry.class);
                    }
                    telemetry = new InferenceTelemetry(openTelemetry);
                    telemetry.setGenAiMetrics(openTelemetryMetrics);
                }
                current = telemetry;
            }
        }
        return current;
    }

    /** Adds an observer that hears the end of every call (metrics, audit). */
    public void addCallObserver(CallObserver observer) {
        observers.add(observer);
    }

    /** The observers every call of this component reports to. */
    public List<CallObserver> observers() {
        return observers;
    }

    /** A named provider: how it speaks, and its options. */
    public record ProviderProfile(ProviderType type, InferenceConfiguration configuration) {
    }

    public void setConfiguration(InferenceConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Where default API keys are read from; the process environment unless a test or an embedding app says otherwise.
     */
    public void setEnvironment(Function<String, String> environment) {
        this.environment = environment;
    }

    String environmentValue(String name) {
        return environment.apply(name);
    }

    /** The JSON mapping shared by this component's endpoints. */
    public ChatWireFormat wire() {
        return wire;
    }

    /**
     * Where the route carries on after an answer arrives: never on the HTTP client's own threads, so a route step that
     * blocks (or a streamed body being read) cannot stall other calls' I/O.
     */
    public ExecutorService continuations() {
        return continuations;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** The calls of all this component's endpoints that have started and not ended. */
    InFlightCalls inFlight() {
        return inFlight;
    }

    /**
     * The shared HTTP client for this configuration's connection settings, built on first use. Endpoints keep the
     * {@link SharedHttpClient}, not the client inside it: a client whose I/O reactor died is rebuilt, and every
     * endpoint moves to the new one.
     */
    SharedHttpClient httpClient(InferenceConfiguration config) throws Exception {
        ClientKey key = new ClientKey(
                config.getConnectTimeout(), config.getMaxConnections(), config.getProxyHost(),
                config.getProxyPort(), config.getProxyUsername(), config.getProxyPassword(),
                config.getSslContextParameters());
        SharedHttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (clients) {
            SharedHttpClient raced = clients.get(key);
            if (raced != null) {
                return raced;
            }
            SharedHttpClient client = SharedHttpClient.start(ioThreads -> buildClient(config, ioThreads), timers,
                    inFlight.part());
            clients.put(key, client);
            return client;
        }
    }

    /** Builds and starts one HTTP client, with its connection pool, whose I/O threads come from {@code ioThreads}. */
    private SharedHttpClient.Built buildClient(InferenceConfiguration config, ThreadFactory ioThreads)
            throws Exception {
        PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(config.getMaxConnections())
                .setMaxConnPerRoute(config.getMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(config.getConnectTimeout())).build());
        if (config.getSslContextParameters() != null) {
            pool.setTlsStrategy(ClientTlsStrategyBuilder.create()
                    .setSslContext(config.getSslContextParameters().createSSLContext(getCamelContext())).build());
        }
        PoolingAsyncClientConnectionManager connections = pool.build();
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(2, Runtime.getRuntime().availableProcessors())).build())
                // why: a thread that ends while the client runs is a reactor that died; SharedHttpClient rebuilds it
                .setThreadFactory(ioThreads)
                // why: each connection holds an input and an output buffer of this size for its whole life; LLM
                // answers arrive in small reads (SSE events, JSON of a few KB), so 4 KB halves the heap a call in
                // flight holds (2,000 in flight: 32 KB per call with the 8 KB default) at no cost in speed
                .setHttp1Config(Http1Config.custom().setBufferSize(4096).build())
                .disableAutomaticRetries() // retries belong to the route, so they never stack
                // why: cancelling HttpClient's future does not abort an exchange on a kept-alive connection
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "abort", ExchangeAbort.chainHandler())
                .disableRedirectHandling()
                .disableCookieManagement()
                // why: HttpClient's own session decorator hex-dumps every byte (the Authorization header included)
                // to org.apache.hc.client5.http.wire at DEBUG; ours logs nothing, holds a paused call's reads back and
                // keeps an Error on a connection from ending the I/O thread
                .setIoSessionDecorator(GuardedSession.decorator());
        if (config.getProxyHost() != null) {
            HttpHost proxy = new HttpHost(
                    config.getProxyHost(),
                    config.getProxyPort() == null ? 8080 : config.getProxyPort());
            builder.setProxy(proxy);
            if (config.getProxyUsername() != null) {
                // only the proxy gets these credentials, never a provider
                builder.setDefaultCredentialsProvider(CredentialsProviderBuilder.create()
                        .add(new AuthScope(proxy), config.getProxyUsername(), config.getProxyPassword().toCharArray())
                        .build());
            }
        }
        CloseableHttpAsyncClient client = builder.build();
        client.start();
        return new SharedHttpClient.Built(client, connections);
    }

    /**
     * The connection pools' state, summed over this component's clients: what health checks and leak tests read.
     *
     * @return leased (in use), pending (calls waiting for a connection) and available (idle) connections
     */
    public ConnectionStats getConnectionStats() {
        int leased = 0;
        int pending = 0;
        int available = 0;
        for (SharedHttpClient client : clients.values()) {
            PoolStats stats = client.connections().getTotalStats();
            leased += stats.getLeased();
            pending += stats.getPending();
            available += stats.getAvailable();
        }
        return new ConnectionStats(leased, pending, available);
    }

    /**
     * Whether every HTTP client of this component has a running I/O reactor: false from the moment one loses an I/O
     * thread until its replacement has started (health checks report it).
     */
    public boolean isHttpClientUp() {
        return clients.values().stream().allMatch(SharedHttpClient::isUp);
    }

    /** Why an HTTP client of this component is down, or null when all are up. */
    public String getHttpClientDownReason() {
        return clients.values().stream().map(SharedHttpClient::downReason).filter(Objects::nonNull).findFirst()
                .orElse(null);
    }

    /** How many times an HTTP client of this component was rebuilt after its I/O reactor died. */
    public int getHttpClientRebuilds() {
        return clients.values().stream().mapToInt(SharedHttpClient::rebuilds).sum();
    }

    /** The provider's model list: asked for once per provider and base URL, in the background, never waited on. */
    ModelCatalog modelCatalog(ChatClient.Settings settings, CloseableHttpAsyncClient http) {
        return catalogs.computeIfAbsent(settings.provider() + " " + settings.baseUri(),
                key -> ModelCatalog.fetch(settings, http, wire.mapper()));
    }

    /**
     * The Microsoft Entra ID tokens for this credential (null: {@code DefaultAzureCredential}) and scope: one source
     * per pair, shared by the endpoints naming it, fetching its first token as it is made. Only called when
     * azure-identity is on the classpath; until then no class of the auth package is loaded.
     */
    synchronized CallAuth entraTokens(String provider, Object credential, String scope, Duration fetchTimeout) {
        EntraKey key = new EntraKey(credential == null ? EntraKey.DEFAULT : credential, scope, fetchTimeout);
        CallAuth tokens = entraTokens.get(key);
        if (tokens == null) {
            if (tokenRefresher == null) {
                tokenRefresher = getCamelContext().getExecutorServiceManager()
                        .newSingleThreadScheduledExecutor(this, "InferenceTokenRefresher");
            }
            tokens = EntraTokenSource.start(provider, credential, scope, fetchTimeout, tokenRefresher, timers);
            entraTokens.put(key, tokens);
        }
        return tokens;
    }

    /** What makes two endpoints share a token: the credential (by identity), the scope and the fetch timeout. */
    private record EntraKey(Object credential, String scope, Duration fetchTimeout) {

        static final Object DEFAULT = new Object();

        @Override
        public boolean equals(Object other) {
            return other instanceof EntraKey key && key.credential == credential && key.scope.equals(scope)
                    && key.fetchTimeout.equals(fetchTimeout);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(credential) * 31 + scope.hashCode();
        }

        @Override
        public String toString() {
            return "EntraKey[" + scope + "]";
        }
    }

    /**
     * Whether this is the first time this component warns about the model's shutdown (one warning, not one per
     * endpoint).
     */
    boolean firstShutdownWarning(String providerAndModel) {
        return shutdownsWarned.add(providerAndModel);
    }

    /** Connections in use, calls waiting for one, and idle ones. */
    public record ConnectionStats(int leased, int pending, int available) {
    }

    @Override
    protected void doStart() throws Exception {
        // endpoints check their options when they are created; a wrong default fails here, used or not
        OptionsResolver.checkDefaults(configuration);
        super.doStart();
        telemetry(); // the openTelemetry option is final from here on
        // one thread for every call's timeouts: unbounded (one timer per call in flight, thousands of them), and
        // cancelled timers leave the queue at once rather than when they would have fired
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(
                1,
                task -> getCamelContext().getExecutorServiceManager().newThread("InferenceTimers", task));
        timerPool.setRemoveOnCancelPolicy(true);
        timers = timerPool;
        // why not Camel's default profile: its CallerRuns policy runs the task on the thread that hands it over,
        // which here is an HttpClient I/O dispatcher, so under load route code (a splitter blocked reading a stream)
        // ran on the dispatcher and stalled every other call on it. Abort or Discard would be worse: the task is the
        // completion of an exchange already accepted, and dropping it leaves the exchange hanging forever. So the
        // queue is unbounded: it holds at most a few small tasks per call in flight, and calls in flight are already
        // bounded by the routes that send them and by maxConnections, so it adds no new way to run out of memory.
        // A route reading a stream holds one of these threads for the stream's length; streams beyond the pool's
        // size wait their turn with their text buffered (bounded by maxAnswerChars).
        ThreadPoolProfile profile = new ThreadPoolProfileBuilder("InferenceRoute")
                .poolSize(CONTINUATION_THREADS).maxPoolSize(CONTINUATION_THREADS).maxQueueSize(Integer.MAX_VALUE)
                .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build();
        continuations = getCamelContext().getExecutorServiceManager().newThreadPool(this, "InferenceRoute", profile);
        if (continuations instanceof ThreadPoolExecutor pool) {
            // the queue never fills, so only a stopped pool rejects: then the completion runs where it is handed over
            // (the stopping thread, or a pool thread finishing a tool round), because a dropped one is a lost exchange
            pool.setRejectedExecutionHandler((task, executor) -> task.run());
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null) {
            healthCheck = new HttpClientHealthCheck(this);
            health.register(healthCheck);
        }
    }

    /**
     * Lets the calls in flight finish within the CamelContext's shutdown timeout (none if the routes' shutdown already
     * timed out), ends the rest with an error so each exchange completes and its error handler sees why, lets the route
     * pool run those completions, and only then closes the clients and timers.
     */
    @Override
    protected void doStop() throws Exception {
        if (healthCheck != null) {
            HealthCheckRegistry.get(getCamelContext()).unregister(healthCheck);
            healthCheck = null;
        }
        ShutdownStrategy shutdown = getCamelContext().getShutdownStrategy();
        Duration grace = shutdown.hasTimeoutOccurred()
                ? Duration.ZERO
                : Duration.ofMillis(shutdown.getTimeUnit().toMillis(shutdown.getTimeout()));
        if (!inFlight.awaitEmpty(grace)) {
            int aborted = inFlight.abortAll("the component stopped while the call was in flight (it was given "
                                            + grace.toMillis() + " ms, the CamelContext's shutdown timeout, to end)");
            LOG.warn("{} inference calls were still in flight after {} ms; they end with an error", aborted,
                    grace.toMillis());
        }
        if (continuations != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(continuations);
        }
        synchronized (clients) {
            clients.values().forEach(SharedHttpClient::close);
            clients.clear();
        }
        catalogs.clear();
        synchronized (this) {
            entraTokens.values().forEach(CallAuth::stop);
            entraTokens.clear();
            if (tokenRefresher != null) {
                getCamelContext().getExecutorServiceManager().shutdownNow(tokenRefresher);
                tokenRefresher = null;
            }
        }
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
        super.doStop();
    }

    /** What makes two endpoints need different clients; never printed, it holds the proxy password. */
    private record ClientKey(long connectTimeout, int maxConnections, String proxyHost, Integer proxyPort,
            String proxyUsername, String proxyPassword, SSLContextParameters ssl) {
        @Override
        public String toString() {
            return "ClientKey[proxy=" + proxyHost + ":" + proxyPort + "]";
        }
    }
}
