package io.github.camelinference.camel.inference;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import org.apache.camel.Endpoint;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.util.PropertiesHelper;
import org.apache.camel.support.jsse.SSLContextParameters;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

/**
 * The {@code inference:} component. Holds what all its endpoints share: the HTTP clients (one per distinct connect
 * timeout, proxy and TLS setting, each with its connection pool), a small executor for their callbacks, and one timer
 * thread for the request, first-token and idle timeouts.
 */
@Component("inference")
public class InferenceComponent extends DefaultComponent {

    @Metadata(description = "Defaults for every endpoint of this component; an endpoint's own options override them.")
    private InferenceConfiguration configuration = new InferenceConfiguration();

    private static final int HTTP_THREADS = 16;

    private final Map<ClientKey, HttpClient> clients = new ConcurrentHashMap<>();
    private final ChatWireFormat wire = new ChatWireFormat(new ObjectMapper());
    private Function<String, String> environment = System::getenv;
    private ExecutorService httpExecutor;
    private ExecutorService continuations;
    private ScheduledExecutorService timers;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        InferenceConfiguration config = configuration.copy();
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
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }

    private static Map<String, Object> merge(Map<String, Object> defaults, Map<String, Object> own) {
        Map<String, Object> merged = defaults == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(defaults);
        merged.putAll(own);
        return merged;
    }

    public InferenceConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(InferenceConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Where default API keys are read from; the process environment unless a test or an embedding app says otherwise. */
    public void setEnvironment(Function<String, String> environment) {
        this.environment = environment;
    }

    String environmentValue(String name) {
        return environment.apply(name);
    }

    ChatWireFormat wire() {
        return wire;
    }

    /**
     * Where the route carries on after an answer arrives: never on the HTTP client's own threads, so a route step
     * that blocks (or a streamed body being read) cannot stall other calls' I/O.
     */
    ExecutorService continuations() {
        return continuations;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    HttpClient httpClient(InferenceConfiguration config) throws Exception {
        ClientKey key = new ClientKey(config.getConnectTimeout(), config.getProxyHost(), config.getProxyPort(),
                config.getSslContextParameters());
        HttpClient existing = clients.get(key);
        if (existing != null) {
            return existing;
        }
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(httpExecutor)
                .connectTimeout(Duration.ofMillis(config.getConnectTimeout()))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (config.getProxyHost() != null) {
            builder.proxy(ProxySelector.of(new InetSocketAddress(config.getProxyHost(),
                    config.getProxyPort() == null ? 8080 : config.getProxyPort())));
        }
        if (config.getSslContextParameters() != null) {
            builder.sslContext(config.getSslContextParameters().createSSLContext(getCamelContext()));
        }
        return clients.computeIfAbsent(key, k -> builder.build());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // The HTTP client hands its I/O completions to this pool. A small fixed pool queues them when answers arrive in
        // bursts (measured: +5 ms p50 at 200 ms upstream with 2 threads); a bounded pool that grows on demand does
        // not, and stays far below a thread per call (see docs/benchmarks.md).
        httpExecutor = getCamelContext().getExecutorServiceManager().newThreadPool(this, "InferenceHttp",
                new ThreadPoolProfileBuilder("inference-http").poolSize(1).maxPoolSize(HTTP_THREADS).maxQueueSize(0)
                        .keepAliveTime(60L).rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
        // one thread for every call's timeouts: unbounded (one timer per call in flight, thousands of them), and
        // cancelled timers leave the queue at once rather than when they would have fired
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                task -> getCamelContext().getExecutorServiceManager().newThread("InferenceTimers", task));
        timerPool.setRemoveOnCancelPolicy(true);
        timers = timerPool;
        continuations = getCamelContext().getExecutorServiceManager().newDefaultThreadPool(this, "InferenceRoute");
    }

    @Override
    protected void doStop() throws Exception {
        clients.clear();
        if (timers != null) {
            timers.shutdownNow();
            timers = null;
        }
        if (continuations != null) {
            getCamelContext().getExecutorServiceManager().shutdown(continuations);
            continuations = null;
        }
        if (httpExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(httpExecutor);
            httpExecutor = null;
        }
        super.doStop();
    }

    private record ClientKey(long connectTimeout, String proxyHost, Integer proxyPort, SSLContextParameters ssl) {
    }
}
