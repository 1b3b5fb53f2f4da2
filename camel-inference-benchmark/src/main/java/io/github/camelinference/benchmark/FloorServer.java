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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.VertxInternal;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * The floor under the gateway's CPU per JSON call: a relay with no Camel, built from the gateway's two I/O libraries
 * configured as the gateway configures them (Vert.x with 8 workers; Apache HttpClient 5 async with the component's I/O
 * threads, 4 KB buffers, no retries, redirects or cookies). {@code POST /v1/chat/completions} forwards the request's
 * bytes to the provider and writes the answer's bytes back, status and content type included; nothing is parsed.
 * <p>
 * {@link Crossings#FOUR} hands each request over as the gateway does, where the rule that I/O threads never run route
 * code puts a pool on each side of the provider call: event loop → a Vert.x worker (where the gateway starts its route)
 * → HttpClient's I/O reactor → a pool of 20 (the component's route pool, where the gateway ends its route) → event loop
 * (the response write). {@link Crossings#NONE} adds no hand-over of its own: it sends from the event loop and writes
 * the answer from HttpClient's callback on the reactor, so only the two libraries' own thread changes remain
 * (HttpClient queues the request for its reactor; Netty queues a write from another thread for the channel's event
 * loop).
 * <p>
 * A request asking for a stream ({@code "stream":true} in its bytes, the one thing looked at) is relayed chunk by chunk
 * as HttpClient reads it ({@link ChunkRelay}): the head, then each piece of the body, then the end, written in order.
 * With {@link Crossings#FOUR} each of them crosses the route pool and then the event loop, as the answer of a JSON call
 * does; with {@link Crossings#NONE} HttpClient's reactor writes them.
 */
final class FloorServer implements AutoCloseable {

    /** The thread hand-overs of a request, besides those the two libraries make themselves. */
    enum Crossings {
        FOUR,
        NONE
    }

    static final String PATH = "/v1/chat/completions";
    /** As the gateway's {@code gateway.vertx.workerPoolSize} default, and the component's route pool. */
    private static final int VERTX_WORKERS = 8;
    private static final int ROUTE_POOL_THREADS = 20;

    private final Vertx vertx;
    private final HttpServer server;
    private final CloseableHttpAsyncClient http;
    private final ExecutorService routePool;

    private FloorServer(Vertx vertx, HttpServer server, CloseableHttpAsyncClient http, ExecutorService routePool) {
        this.vertx = vertx;
        this.server = server;
        this.http = http;
        this.routePool = routePool;
    }

    /**
     * @param providerBaseUrl e.g. {@code http://127.0.0.1:41234/v1}
     * @param port            0 for an ephemeral one
     */
    static FloorServer start(String providerBaseUrl, int port, Crossings crossings) throws Exception {
        CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(10_000).setMaxConnPerRoute(10_000).build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(2, Runtime.getRuntime().availableProcessors())).build())
                .setHttp1Config(Http1Config.custom().setBufferSize(4096).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .build();
        http.start();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService routePool = Executors.newFixedThreadPool(ROUTE_POOL_THREADS, task -> {
            Thread thread = new Thread(task, "FloorRoute-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(VERTX_WORKERS));
        Executor workers = ((VertxInternal) vertx).getWorkerPool().executor();
        String uri = providerBaseUrl + "/chat/completions";
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.method() != HttpMethod.POST || !PATH.equals(request.path())) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.body().onSuccess(body -> {
                SimpleHttpRequest call = SimpleRequestBuilder.post(uri)
                        .setBody(body.getBytes(), ContentType.APPLICATION_JSON)
                        .addHeader("Authorization", "Bearer sk-bench").build();
                if (isStream(body)) {
                    Context eventLoop = Vertx.currentContext();
                    ChunkRelay relay = new ChunkRelay(
                            request.response(), crossings == Crossings.NONE
                                    ? Runnable::run : step -> routePool.execute(() -> eventLoop.runOnContext(v -> step.run())));
                    Runnable send = () -> http.execute(SimpleRequestProducer.create(call), relay, relay.failures());
                    if (crossings == Crossings.NONE) {
                        send.run();
                    } else {
                        workers.execute(send);
                    }
                } else if (crossings == Crossings.NONE) {
                    http.execute(call, relay(request.response(), answer -> write(request.response(), answer)));
                } else {
                    Context eventLoop = Vertx.currentContext();
                    Runnable send = () -> http.execute(call, relay(request.response(), answer -> routePool.execute(
                            () -> eventLoop.runOnContext(v -> write(request.response(), answer)))));
                    workers.execute(send);
                }
            }).onFailure(failure -> request.response().setStatusCode(400).end());
        }).listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return new FloorServer(vertx, server, http, routePool);
    }

    private interface Answer {
        void accept(SimpleHttpResponse answer);
    }

    private static FutureCallback<SimpleHttpResponse> relay(HttpServerResponse response, Answer answer) {
        return new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse result) {
                answer.accept(result);
            }

            @Override
            public void failed(Exception e) {
                response.setStatusCode(502).end("the provider call failed: " + e);
            }

            @Override
            public void cancelled() {
                response.setStatusCode(502).end("the provider call was cancelled");
            }
        };
    }

    private static final byte[] STREAM = "\"stream\":true".getBytes(StandardCharsets.UTF_8);

    /** Whether the request's bytes ask for a stream (the benchmark's clients write {@code "stream":true}). */
    static boolean isStream(Buffer body) {
        byte[] bytes = body.getBytes();
        outer: for (int i = 0; i + STREAM.length <= bytes.length; i++) {
            for (int j = 0; j < STREAM.length; j++) {
                if (bytes[i + j] != STREAM[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * One streamed answer relayed as HttpClient reads it. Each step (head, a piece of the body, the end) is queued in
     * order and goes out through {@code crossing}: the reactor itself, or the route pool then the event loop; a step
     * queued while a crossing is on its way goes with it, so the steps are written in the order they came.
     */
    private static final class ChunkRelay extends AbstractBinResponseConsumer<Void> {

        private final HttpServerResponse response;
        private final Executor crossing;
        private final ConcurrentLinkedQueue<Runnable> steps = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean crossingScheduled = new AtomicBoolean();

        ChunkRelay(HttpServerResponse response, Executor crossing) {
            this.response = response;
            this.crossing = crossing;
        }

        @Override
        protected void start(HttpResponse head, ContentType contentType) {
            int status = head.getCode();
            String type = contentType == null ? null : contentType.toString();
            hand(() -> {
                response.setStatusCode(status).setChunked(true);
                if (type != null) {
                    response.putHeader("Content-Type", type);
                }
            });
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) {
            if (src.hasRemaining()) {
                byte[] chunk = new byte[src.remaining()];
                src.get(chunk);
                hand(() -> response.write(Buffer.buffer(chunk)));
            }
        }

        @Override
        protected Void buildResult() {
            hand(response::end);
            return null;
        }

        @Override
        public void releaseResources() {
        }

        FutureCallback<Void> failures() {
            return new FutureCallback<>() {
                @Override
                public void completed(Void result) {
                }

                @Override
                public void failed(Exception e) {
                    hand(() -> {
                        if (!response.headWritten()) {
                            response.setStatusCode(502).end("the provider call failed: " + e);
                        } else {
                            response.reset();
                        }
                    });
                }

                @Override
                public void cancelled() {
                    hand(response::reset);
                }
            };
        }

        private void hand(Runnable step) {
            steps.add(step);
            if (crossingScheduled.compareAndSet(false, true)) {
                crossing.execute(this::runSteps);
            }
        }

        /** Where the crossing ends: every step queued so far, in order; a step queued after this starts another. */
        private void runSteps() {
            crossingScheduled.set(false);
            Runnable step;
            while ((step = steps.poll()) != null) {
                step.run();
            }
        }
    }

    private static void write(HttpServerResponse response, SimpleHttpResponse answer) {
        response.setStatusCode(answer.getCode());
        ContentType type = answer.getContentType();
        if (type != null) {
            response.putHeader("Content-Type", type.toString());
        }
        byte[] body = answer.getBodyBytes();
        response.end(body == null ? Buffer.buffer() : Buffer.buffer(body));
    }

    int port() {
        return server.actualPort();
    }

    /** In a JVM of its own ({@link FloorProcess}): the provider's base URL, the port, and {@link Crossings}. */
    public static void main(String[] args) throws Exception {
        start(args[0], Integer.parseInt(args[1]), Crossings.valueOf(args[2]));
        System.out.println("FLOOR STARTED");
        new CompletableFuture<Void>().join();
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        http.close(CloseMode.GRACEFUL);
        routePool.shutdownNow();
    }
}
