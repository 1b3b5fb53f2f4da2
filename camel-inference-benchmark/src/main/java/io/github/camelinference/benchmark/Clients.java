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
package io.github.camelinference.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.okhttp.OkHttpClient;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.ClientOptions;
import com.openai.core.http.AsyncStreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import okhttp3.Dispatcher;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.spi.Resource;
import org.apache.camel.spi.ResourceLoader;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.reactor.IOReactorConfig;

/** The contestants. Each is written the way its users would write it, with retries off so no one retries. */
final class Clients {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "gpt-5-mini";

    private Clients() {
    }

    private static byte[] requestBody(String prompt, boolean stream) {
        return requestBody(MODEL, prompt, stream);
    }

    private static byte[] requestBody(String model, String prompt, boolean stream) {
        try {
            Map<String, Object> body = stream
                    ? Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", prompt)),
                            "stream", true)
                    : Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", prompt)));
            return JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** (1) The floor: the JDK's HttpClient and Jackson, nothing else. */
    static Client rawJdk(String baseUrl, boolean stream) {
        return rawJdk(baseUrl, stream, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    static Client rawJdk(String baseUrl, boolean stream, HttpClient http) {
        return rawJdk(baseUrl, stream, http, MODEL, "sk-bench");
    }

    /** The raw JDK client with a model and key of its own (the gateway's {@code smart} and a gateway key). */
    static Client rawJdk(String baseUrl, boolean stream, HttpClient http, String model, String apiKey) {
        return rawJdk(baseUrl, stream, http, model, apiKey, Map.of());
    }

    /** ... and headers of its own (Portkey's, naming the provider and its URL). */
    static Client rawJdk(
            String baseUrl, boolean stream, HttpClient http, String model, String apiKey,
            Map<String, String> headers) {
        URI uri = URI.create(baseUrl + "/chat/completions");
        return new Client() {
            @Override
            public String name() {
                return stream ? "raw JDK HttpClient, SSE" : "raw JDK HttpClient + Jackson";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(requestBody(model, prompt, stream)))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + apiKey);
                headers.forEach(builder::header);
                HttpRequest request = builder.build();
                if (!stream) {
                    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
                        try {
                            JsonNode root = JSON.readTree(response.body());
                            if (response.statusCode() != 200 || root.at("/choices/0/message/content").isMissingNode()) {
                                throw new IllegalStateException("HTTP " + response.statusCode());
                            }
                            return System.nanoTime();
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
                SseCounter counter = new SseCounter();
                return http.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(counter, s -> null))
                        .thenCompose(response -> counter.done);
            }
        };
    }

    /** (1b) Apache HttpClient 5's asynchronous client (the library under camel-http), for the choice of client. */
    static Client rawApacheAsync(String baseUrl) {
        return rawApacheAsync(baseUrl, MODEL, "sk-bench");
    }

    /** The same with a model and key of its own (the gateway's {@code smart} and a gateway key). */
    static Client rawApacheAsync(String baseUrl, String model, String apiKey) {
        return rawApacheAsync(baseUrl, model, apiKey, Map.of());
    }

    /** ... and headers of its own (Portkey's, naming the provider and its URL). */
    static Client rawApacheAsync(String baseUrl, String model, String apiKey, Map<String, String> headers) {
        CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(10_000).setMaxConnPerRoute(10_000).build())
                .setIOReactorConfig(IOReactorConfig.custom().setIoThreadCount(2).build())
                .build();
        http.start();
        String uri = baseUrl + "/chat/completions";
        return new Client() {
            @Override
            public String name() {
                return "raw Apache HttpClient 5 async + Jackson";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                CompletableFuture<Long> done = new CompletableFuture<>();
                SimpleHttpRequest request = SimpleRequestBuilder.post(uri)
                        .setBody(requestBody(model, prompt, false), ContentType.APPLICATION_JSON)
                        .addHeader("Authorization", "Bearer " + apiKey).build();
                headers.forEach(request::addHeader);
                http.execute(request, new FutureCallback<SimpleHttpResponse>() {
                    @Override
                    public void completed(SimpleHttpResponse response) {
                        try {
                            JsonNode root = JSON.readTree(response.getBodyBytes());
                            if (response.getCode() != 200 || root.at("/choices/0/message/content").isMissingNode()) {
                                throw new IllegalStateException("HTTP " + response.getCode());
                            }
                            done.complete(System.nanoTime());
                        } catch (Exception e) {
                            done.completeExceptionally(e);
                        }
                    }

                    @Override
                    public void failed(Exception e) {
                        done.completeExceptionally(e);
                    }

                    @Override
                    public void cancelled() {
                        done.cancel(false);
                    }
                });
                return done;
            }

            @Override
            public void close() throws Exception {
                http.close();
            }
        };
    }

    /** Reads an SSE body, parsing each event as JSON, and notes when the first text delta arrived. */
    private static final class SseCounter implements Flow.Subscriber<List<ByteBuffer>> {
        final CompletableFuture<Long> done = new CompletableFuture<>();
        private final StringBuilder line = new StringBuilder();
        private long firstToken;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                String text = StandardCharsets.UTF_8.decode(buffer).toString();
                for (int i = 0; i < text.length(); i++) {
                    char c = text.charAt(i);
                    if (c == '\n') {
                        onLine(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
            }
        }

        private void onLine(String l) {
            if (!l.startsWith("data:") || l.contains("[DONE]")) {
                return;
            }
            try {
                JsonNode chunk = JSON.readTree(l.substring(5));
                if (firstToken == 0 && !chunk.at("/choices/0/delta/content").asText("").isEmpty()) {
                    firstToken = System.nanoTime();
                }
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            done.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            done.complete(firstToken);
        }
    }

    /** (2) What a Camel user writes without us: camel-http plus camel-jackson, a thread per call in flight. */
    static Client camelHttp(String baseUrl, int concurrency) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        String pool = "?connectionsPerRoute=" + concurrency + "&maxTotalConnections=" + concurrency;
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:camel-http")
                        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .setHeader("Authorization", constant("Bearer sk-bench"))
                        .marshal().json(JsonLibrary.Jackson)
                        .to(baseUrl.replace("http://", "http://") + "/chat/completions" + pool)
                        .unmarshal().json(JsonLibrary.Jackson, Map.class)
                        .setBody(simple("${body[choices][0][message][content]}"));
            }
        });
        camel.start();
        ProducerTemplate template = camel.createProducerTemplate();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        return new Client() {
            @Override
            public String name() {
                return "camel-http + camel-jackson route";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                return CompletableFuture.supplyAsync(() -> {
                    template.requestBody("direct:camel-http",
                            Map.of("model", MODEL, "messages", List.of(Map.of("role", "user", "content", prompt))));
                    return System.nanoTime();
                }, threads);
            }

            @Override
            public void close() {
                threads.shutdownNow();
                camel.stop();
            }
        };
    }

    /** (3) The official openai-java SDK (what camel-openai wraps), its asynchronous client. */
    static Client openAiSdk(String baseUrl) {
        OpenAIClientAsync sdk = OpenAIOkHttpClientAsync.builder().baseUrl(baseUrl).apiKey("sk-bench").maxRetries(0)
                .timeout(Duration.ofSeconds(60)).build();
        return new Client() {
            @Override
            public String name() {
                return "openai-java 4.18.0 SDK (async)";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                return sdk.chat().completions().create(ChatCompletionCreateParams.builder().model(MODEL)
                        .addUserMessage(prompt).build()).thenApply(completion -> {
                            completion.choices().get(0).message().content().orElseThrow();
                            return System.nanoTime();
                        });
            }

            @Override
            public void close() {
                sdk.close();
            }
        };
    }

    /**
     * (3b) the openai-java SDK's async client streaming ({@code createStreaming}), its OkHttp dispatcher raised to the
     * concurrency (the SDK caps it at 64 requests), so the SDK itself queues nothing. Completes at the last chunk.
     */
    static Client openAiSdkStream(String baseUrl, String apiKey, String model, int concurrency) {
        OkHttpClient http = OkHttpClient.builder().timeout(Duration.ofSeconds(120)).build();
        // why the mangled name: the SDK keeps its OkHttp client Kotlin-internal, and offers no way to set the limit
        Dispatcher dispatcher = http.getOkHttpClient$openai_java_client_okhttp().dispatcher();
        dispatcher.setMaxRequests(Math.max(64, concurrency));
        dispatcher.setMaxRequestsPerHost(Math.max(64, concurrency));
        OpenAIClientAsync sdk = new OpenAIClientAsyncImpl(
                ClientOptions.builder().httpClient(http).baseUrl(baseUrl)
                        .apiKey(apiKey).maxRetries(0).timeout(Duration.ofSeconds(120)).build());
        return new Client() {
            @Override
            public String name() {
                return "openai-java 4.18.0 SDK (async), stream";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                AtomicLong firstToken = new AtomicLong();
                AsyncStreamResponse<ChatCompletionChunk> stream = sdk.chat().completions().createStreaming(
                        ChatCompletionCreateParams.builder().model(model).addUserMessage(prompt).build());
                stream.subscribe(chunk -> {
                    if (firstToken.get() == 0 && !chunk.choices().isEmpty()
                            && chunk.choices().get(0).delta().content().isPresent()) {
                        firstToken.compareAndSet(0, System.nanoTime());
                    }
                });
                return stream.onCompleteFuture().thenApply(done -> firstToken.get() == 0
                        ? System.nanoTime()
                        : firstToken.get());
            }

            @Override
            public void close() {
                sdk.close();
            }
        };
    }

    /** (4) inference:, called straight through its asynchronous producer. */
    static Client inference(String baseUrl, boolean stream, int concurrency) throws Exception {
        return inference(baseUrl, stream, concurrency, null);
    }

    /** The same, its spans and metrics recorded to {@code otel} (null: none). */
    static Client inference(String baseUrl, boolean stream, int concurrency, OpenTelemetrySdk otel) throws Exception {
        CamelContext camel = inferenceContext(otel);
        Endpoint endpoint = camel.getEndpoint("inference:openai?baseUrl=" + baseUrl + "&apiKey=sk-bench&model=" + MODEL
                                              + "&maxConnections=" + maxConnections(concurrency)
                                              + (stream ? "&stream=true" : ""));
        if (!stream) {
            return asyncProducer("inference:", camel, endpoint,
                    done -> CompletableFuture.completedFuture(System.nanoTime()), () -> {
                    });
        }
        ExecutorService readers = Executors.newCachedThreadPool();
        return asyncProducer("inference: stream=true", camel, endpoint, done -> {
            long now = System.nanoTime();
            // the exchange completed at the first token; read the rest as a route's splitter would
            ChatStream tokens = done.getMessage().getBody(ChatStream.class);
            return CompletableFuture.supplyAsync(() -> {
                tokens.forEachRemaining(t -> {
                });
                return now;
            }, readers);
        }, readers::shutdownNow);
    }

    /**
     * (4d) the failover step alone, streaming: the {@code inference-failover} template with streamed targets, its
     * {@link ChatStream} read without a thread ({@code forwardTo}), as the gateway relays it. Completes at the end.
     */
    static Client inferenceFailoverStream(String primaryUrl, String fallbackUrl, int concurrency) throws Exception {
        CamelContext camel = failoverTemplate(primaryUrl, fallbackUrl, concurrency, Map.of(),
                "classpath:benchmark-failover-stream.yaml");
        return asyncProducer("inference-failover template (failover step), stream", camel,
                camel.getEndpoint("direct:chat"), done -> {
                    long committed = System.nanoTime();
                    CompletableFuture<Long> end = new CompletableFuture<>();
                    done.getMessage().getBody(ChatStream.class).forwardTo(new ChatStream.Sink() {
                        @Override
                        public void token(String text) {
                        }

                        @Override
                        public void end(ChatResponse response, Runnable endActions) {
                            endActions.run();
                            end.complete(committed);
                        }

                        @Override
                        public void error(InferenceException error) {
                            end.completeExceptionally(error);
                        }
                    });
                    return end;
                }, () -> {
                });
    }

    /**
     * A context with the {@code inference-failover} template over the two URLs, instantiated by the given benchmark
     * routes file; {@code parameters} override the template's parameters that file sets.
     */
    private static CamelContext failoverTemplate(
            String primaryUrl, String fallbackUrl, int concurrency,
            Map<String, String> parameters, String routes)
            throws Exception {
        return failoverTemplate(primaryUrl, fallbackUrl, concurrency, parameters, routes, null);
    }

    private static CamelContext failoverTemplate(
            String primaryUrl, String fallbackUrl, int concurrency,
            Map<String, String> parameters, String routes, OpenTelemetrySdk otel)
            throws Exception {
        Properties properties = new Properties();
        properties.put("primary.url", primaryUrl);
        properties.put("fallback.url", fallbackUrl);
        properties.put("max.connections", String.valueOf(maxConnections(concurrency)));
        // the template's own defaults, so a row changes only what it names
        properties.put("failover.retries", "2");
        properties.put("failover.hedgeDelay", "0");
        properties.put("failover.minimumNumberOfCalls", "5");
        properties.put("failover.slidingWindowSize", "10");
        properties.put("failover.waitDurationInOpenState", "10000");
        parameters.forEach((name, value) -> properties.put("failover." + name, value));
        CamelContext camel = inferenceContext(otel);
        camel.getPropertiesComponent().setOverrideProperties(properties);
        loadRoutes(camel, "classpath:camel-inference/failover.yaml", routes);
        return camel;
    }

    /**
     * The pool size every inference: endpoint here gets: the component's default (1,000) would queue calls beyond it,
     * so at least 5,000, and the concurrency itself above that (10,000 in the 10,000-in-flight rows).
     */
    static int maxConnections(int concurrency) {
        return Math.max(5000, concurrency);
    }

    /**
     * (4b) inference: in the {@code inference-failover} template, built on the asynchronous failover step
     * (InferenceFailover). Called through the direct endpoint's asynchronous producer, as a non-blocking consumer
     * (platform-http, say) would call it: no caller thread waits. {@code parameters} override the template's parameters
     * the benchmark file sets (benchmark-failover.yaml).
     */
    static Client inferenceFailover(
            String primaryUrl, String fallbackUrl, int concurrency,
            Map<String, String> parameters)
            throws Exception {
        return inferenceFailover(primaryUrl, fallbackUrl, concurrency, parameters, null);
    }

    /** The same, its spans and metrics recorded to {@code otel} (null: none). */
    static Client inferenceFailover(
            String primaryUrl, String fallbackUrl, int concurrency,
            Map<String, String> parameters, OpenTelemetrySdk otel)
            throws Exception {
        CamelContext camel = failoverTemplate(primaryUrl, fallbackUrl, concurrency, parameters,
                "classpath:benchmark-failover.yaml", otel);
        return asyncProducer("inference-failover template (failover step)", camel, camel.getEndpoint("direct:chat"),
                done -> CompletableFuture.completedFuture(System.nanoTime()), () -> {
                });
    }

    /**
     * A client that sends each prompt through the endpoint's asynchronous producer, as a non-blocking consumer
     * (platform-http, say) would: no caller thread waits. {@code answered} turns an exchange that completed without an
     * error into the moment the call counts as done; {@code closing} runs before the context stops.
     */
    private static Client asyncProducer(
            String name, CamelContext camel, Endpoint endpoint,
            Function<Exchange, CompletableFuture<Long>> answered, Runnable closing)
            throws Exception {
        AsyncProcessor producer = (AsyncProcessor) endpoint.createAsyncProducer();
        ServiceHelper.startService(producer);
        return new Client() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                Exchange exchange = endpoint.createExchange();
                exchange.getMessage().setBody(prompt);
                return producer.processAsync(exchange).thenCompose(done -> done.getException() != null
                        ? CompletableFuture.failedFuture(done.getException())
                        : answered.apply(done));
            }

            @Override
            public void close() {
                closing.run();
                camel.stop();
            }
        };
    }

    /**
     * (4c) inference: in the {@code inference-failover-eip} template (Camel's circuitBreaker EIP; the benchmark's own
     * {@code failover-eip.yaml}, the recipe in docs/failover-circuit-breaker-eip.md), for comparison. The EIP runs its
     * steps synchronously, so each call parks its caller: the callers are a pool of {@code concurrency} threads, which
     * the row counts, as a real route's consumer threads would be.
     */
    static Client inferenceFailoverEip(String primaryUrl, String fallbackUrl, int concurrency) throws Exception {
        Properties properties = new Properties();
        properties.put("primary.url", primaryUrl);
        properties.put("fallback.url", fallbackUrl);
        properties.put("max.connections", String.valueOf(maxConnections(concurrency)));
        CamelContext camel = inferenceContext();
        camel.getPropertiesComponent().setOverrideProperties(properties);
        loadRoutes(camel, "classpath:failover-eip.yaml", "classpath:benchmark-failover-eip.yaml");
        ProducerTemplate template = camel.createProducerTemplate();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        return new Client() {
            @Override
            public String name() {
                return "inference-failover-eip template (circuitBreaker EIP)";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                return CompletableFuture.supplyAsync(() -> {
                    Exchange result = template.request("direct:chat-eip", e -> e.getMessage().setBody(prompt));
                    if (result.getException() != null) {
                        throw new IllegalStateException(result.getException());
                    }
                    return System.nanoTime();
                }, threads);
            }

            @Override
            public void close() {
                threads.shutdownNow();
                camel.stop();
            }
        };
    }

    private static void loadRoutes(CamelContext camel, String... locations) throws Exception {
        RoutesLoader loader = PluginHelper.getRoutesLoader(camel);
        ResourceLoader resources = PluginHelper.getResourceLoader(camel);
        List<Resource> resolved = new ArrayList<>();
        for (String location : locations) {
            resolved.add(resources.resolveResource(location));
        }
        loader.loadRoutes(resolved);
    }

    private static CamelContext inferenceContext() {
        return inferenceContext(null);
    }

    private static CamelContext inferenceContext(OpenTelemetrySdk otel) {
        CamelContext camel = new DefaultCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        component.setOpenTelemetry(otel);
        camel.addComponent("inference", component);
        camel.start();
        return camel;
    }

    /**
     * Tracing on, as an application would run it: the OpenTelemetry SDK with a batch span processor (its own thread, a
     * bounded queue) in front of an exporter that drops everything, and the metrics kept by a periodic reader (its own
     * thread) whose exporter drops them too: what is measured is what recording costs the calls.
     */
    static OpenTelemetrySdk tracing() {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(new SpanExporter() {
                            @Override
                            public CompletableResultCode export(Collection<SpanData> spans) {
                                return CompletableResultCode.ofSuccess();
                            }

                            @Override
                            public CompletableResultCode flush() {
                                return CompletableResultCode.ofSuccess();
                            }

                            @Override
                            public CompletableResultCode shutdown() {
                                return CompletableResultCode.ofSuccess();
                            }
                        }).build()).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(PeriodicMetricReader.builder(
                        new MetricExporter() {
                            @Override
                            public CompletableResultCode export(Collection<MetricData> metrics) {
                                return CompletableResultCode.ofSuccess();
                            }

                            @Override
                            public CompletableResultCode flush() {
                                return CompletableResultCode.ofSuccess();
                            }

                            @Override
                            public CompletableResultCode shutdown() {
                                return CompletableResultCode.ofSuccess();
                            }

                            @Override
                            public AggregationTemporality getAggregationTemporality(InstrumentType type) {
                                return AggregationTemporality.CUMULATIVE;
                            }
                        }).setInterval(Duration.ofSeconds(10)).build()).build())
                .build();
    }

    /** The client's row, named as traced. */
    static Client traced(Client client) {
        return new Client() {
            @Override
            public String name() {
                return client.name() + ", tracing on (SDK, batch span processor, no-op exporters)";
            }

            @Override
            public CompletableFuture<Long> call(String prompt) {
                return client.call(prompt);
            }

            @Override
            public void close() throws Exception {
                client.close();
            }
        };
    }
}
