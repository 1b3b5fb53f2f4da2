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
package io.github.camelinference.camel.inference.gateway.vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.MessageHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A platform-http consumer that runs its route asynchronously.
 * <p>
 * camel-platform-http-vertx 4.18.0's consumer runs each exchange with {@code vertx.executeBlocking(() ->
 * getProcessor().process(exchange))}: the synchronous {@code process} waits for the whole exchange, so every request in
 * flight, and a stream until its last chunk, holds a Vert.x worker thread. This one starts the route on a worker with
 * the asynchronous {@code process(exchange, callback)}, so the worker is free again as soon as the route goes
 * asynchronous (the {@code inference:} producer has sent its request), and writes the response on the connection's
 * event loop when the exchange completes. Route code never runs on the event loop.
 * <p>
 * A route that writes the response itself (a stream) keeps the exchange until it has ended the response; this consumer
 * then writes nothing. The connection's Vert.x context is on the exchange ({@link #VERTX_CONTEXT}) for such a route.
 * Unlike the stock consumer it does not handle the {@code httpProxy} mode ({@code platform-http:proxy}) nor form bodies
 * (an LLM gateway needs neither). A route that asks for either fails at start, and a form body sent to any route gets a
 * 415, rather than reaching the route unparsed.
 */
public final class AsyncPlatformHttpConsumer extends VertxPlatformHttpConsumer {

    /** Exchange property: the Vert.x {@link Context} (event loop) of the request's connection. */
    public static final String VERTX_CONTEXT = "CamelVertxContext";
    /** Exchange property: a Runnable the route sets to hear that the client went away before the answer. */
    public static final String ON_CLIENT_GONE = "CamelVertxOnClientGone";
    /**
     * Exchange property: a Runnable the route sets to hear that this consumer stops while the exchange still runs (the
     * graceful shutdown timed out, or the route is stopped by force). It must end the response soon, without blocking.
     */
    public static final String ON_STOP = "CamelVertxOnStop";
    /** How long a stop waits for the responses it ended to be written, before the server closes their connections. */
    static final long STOP_WRITE_MILLIS = 5_000;

    private static final String NAME = AsyncPlatformHttpConsumer.class.getSimpleName();
    private static final Logger LOG = LoggerFactory.getLogger(AsyncPlatformHttpConsumer.class);

    /** Exchanges from their request until their response is written (or failed). */
    private final Map<Exchange, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    public AsyncPlatformHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor,
                                     List<Handler<RoutingContext>> handlers, String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void doStart() throws Exception {
        PlatformHttpEndpoint endpoint = getEndpoint();
        String uri = endpoint.getEndpointBaseUri(); // no query: nothing secret
        if (endpoint.isHttpProxy()) {
            throw new IllegalArgumentException(
                    uri + " is a proxy route (platform-http's httpProxy mode), which "
                                               + NAME
                                               + " (the asynchronous platform-http consumer) does not support: serve it from a CamelContext"
                                               + " that does not bind AsyncPlatformHttpEngine as platform-http-engine");
        }
        if (isForm(endpoint.getConsumes())) {
            throw new IllegalArgumentException(
                    uri + " consumes " + endpoint.getConsumes() + ", but " + NAME
                                               + " (the asynchronous platform-http consumer) does not parse form bodies into headers or attachments:"
                                               + " serve it from a CamelContext that does not bind AsyncPlatformHttpEngine as platform-http-engine");
        }
        super.doStart();
    }

    private static boolean isForm(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        return type.contains("application/x-www-form-urlencoded") || type.contains("multipart/form-data");
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended()) {
            ctx.response().setStatusCode(503);
            ctx.end();
            return;
        }
        if (isForm(ctx.request().getHeader("Content-Type"))) {
            // why: the stock consumer would turn the form into headers; this one would hand the route raw bytes
            ctx.response().setStatusCode(415).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("Form bodies are not accepted here (" + NAME + " does not parse them); send JSON.");
            return;
        }
        Context eventLoop = Vertx.currentContext();
        Vertx vertx = ctx.vertx();
        Exchange exchange = createExchange(false);
        running.put(exchange, new CompletableFuture<>());
        exchange.setPattern(ExchangePattern.InOut);
        exchange.setProperty(VERTX_CONTEXT, eventLoop);
        AtomicBoolean completed = new AtomicBoolean();
        ctx.response().closeHandler(closed -> {
            // why: a caller that hangs up before its answer must not leave the provider call running
            if (!completed.get() && exchange.getProperty(ON_CLIENT_GONE) instanceof Runnable gone) {
                gone.run();
            }
        });
        processHttpRequest(exchange, ctx).onComplete(read -> {
            if (read.failed()) {
                fail(exchange, ctx, read.cause());
                return;
            }
            // why a worker: the first steps of a route may block briefly (parsing, a lookup); it is released as
            // soon as the route goes asynchronous, so the pool's size bounds route work, not requests in flight
            Runnable start = () -> {
                try {
                    createUoW(exchange);
                    getAsyncProcessor().process(exchange, doneSync -> {
                        completed.set(true);
                        eventLoop.runOnContext(v -> respond(exchange, ctx));
                    });
                } catch (Throwable failure) {
                    eventLoop.runOnContext(v -> fail(exchange, ctx, failure));
                }
            };
            Executor workers = workers(vertx);
            if (workers == null) {
                vertx.executeBlocking(() -> {
                    start.run();
                    return null;
                }, false);
                return;
            }
            try {
                workers.execute(start);
            } catch (RejectedExecutionException e) {
                fail(exchange, ctx, e);
            }
        });
    }

    /**
     * Vert.x's worker pool itself, where {@code executeBlocking} runs its tasks. Submitting there directly saves a task
     * on the event loop per request: {@code executeBlocking}'s future completes on the caller's context, which wakes
     * the event loop once more for nothing (the route's answer comes back through {@link #respond} anyway). Null for a
     * Vert.x that is not Vert.x's own implementation; then {@code executeBlocking}.
     */
    private static Executor workers(Vertx vertx) {
        return vertx instanceof VertxInternal internal ? internal.getWorkerPool().executor() : null;
    }

    /** On the event loop: writes the exchange's message as the response, unless the route already has. */
    private void respond(Exchange exchange, RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        try {
            if (!response.headWritten() && !response.closed()) {
                write(exchange, response);
            }
        } catch (Exception e) {
            getExceptionHandler().handleException("cannot write the response of " + getEndpoint().getPath(), e);
            if (!response.headWritten() && !response.closed()) {
                response.setStatusCode(500).end();
            }
        } finally {
            done(exchange);
        }
    }

    private void write(Exchange exchange, HttpServerResponse response) {
        Message message = exchange.getMessage();
        if (exchange.getException() != null) {
            // why: an unhandled failure's text is for operators (the route's error handler answers callers)
            getExceptionHandler().handleException("route of " + getEndpoint().getPath() + " failed",
                    exchange, exchange.getException());
            response.setStatusCode(500).end();
            return;
        }
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        response.setStatusCode(status == null ? (message.getBody() == null ? 204 : 200) : status);
        HeaderFilterStrategy filter = getEndpoint().getHeaderFilterStrategy();
        for (Map.Entry<String, Object> header : message.getHeaders().entrySet()) {
            String name = header.getKey();
            Object value = header.getValue();
            if (value == null || "Content-Length".equalsIgnoreCase(name) || "Content-Type".equalsIgnoreCase(name)
                    || filter != null && filter.applyFilterToCamelHeaders(name, value, exchange)) {
                continue;
            }
            response.putHeader(name, value.toString());
        }
        String contentType = MessageHelper.getContentType(message);
        if (contentType != null) {
            response.putHeader("Content-Type", contentType);
        }
        byte[] body = message.getBody(byte[].class);
        if (body == null) {
            response.end();
        } else {
            response.end(Buffer.buffer(body));
        }
    }

    private void fail(Exchange exchange, RoutingContext ctx, Throwable failure) {
        getExceptionHandler().handleException("cannot handle a request to " + getEndpoint().getPath(), failure);
        ctx.fail(failure);
        done(exchange);
    }

    private void done(Exchange exchange) {
        CompletableFuture<Void> written = running.remove(exchange);
        doneUoW(exchange);
        releaseExchange(exchange, false);
        if (written != null) {
            written.complete(null);
        }
    }

    /**
     * Camel stops this consumer once no exchange of its route is in flight, or, when the graceful shutdown times out,
     * with exchanges still running: those are told to end ({@link #ON_STOP}: a stream gets an error event, a request
     * still waiting for its provider a 503; the provider call is aborted), and the stop waits a bounded time for their
     * responses to be written, so that the server closing afterwards cuts no answer mid-event.
     */
    @Override
    protected void doStop() throws Exception {
        List<CompletableFuture<Void>> ending = new ArrayList<>();
        for (Map.Entry<Exchange, CompletableFuture<Void>> entry : running.entrySet()) {
            if (entry.getKey().getProperty(ON_STOP) instanceof Runnable stop) {
                try {
                    stop.run();
                    ending.add(entry.getValue());
                } catch (RuntimeException e) {
                    LOG.warn("cannot end a response of {} while stopping: {}", getEndpoint().getPath(), e.toString());
                }
            }
        }
        if (!ending.isEmpty()) {
            LOG.info("{} responses of {} were still running when the consumer stopped; they end with an error",
                    ending.size(), getEndpoint().getPath());
            awaitWritten(ending);
        }
        super.doStop();
    }

    /** Waits up to {@link #STOP_WRITE_MILLIS} for the responses to be written. */
    private static void awaitWritten(List<CompletableFuture<Void>> ending) {
        // why: on a timed-out shutdown Camel may stop consumers on its shutdown task's thread, which it has just
        // interrupted; the wait must still happen, and the interrupt is restored after it
        boolean interrupted = Thread.interrupted();
        try {
            CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                    .get(STOP_WRITE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("responses still unwritten after {} ms of stopping: their connections close", STOP_WRITE_MILLIS);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
