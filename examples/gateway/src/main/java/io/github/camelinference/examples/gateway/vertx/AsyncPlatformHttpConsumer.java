package io.github.camelinference.examples.gateway.vertx;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.support.MessageHelper;

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
 * Unlike the stock consumer it does not handle the {@code httpProxy} mode nor form bodies; the gateway needs neither.
 */
public final class AsyncPlatformHttpConsumer extends VertxPlatformHttpConsumer {

    /** Exchange property: the Vert.x {@link Context} (event loop) of the request's connection. */
    public static final String VERTX_CONTEXT = "CamelVertxContext";
    /** Exchange property: a Runnable the route sets to hear that the client went away before the answer. */
    public static final String ON_CLIENT_GONE = "CamelVertxOnClientGone";

    public AsyncPlatformHttpConsumer(PlatformHttpEndpoint endpoint, Processor processor,
                                     List<Handler<RoutingContext>> handlers, String routerName) {
        super(endpoint, processor, handlers, routerName);
    }

    @Override
    protected void handleRequest(RoutingContext ctx) {
        if (isSuspended()) {
            ctx.response().setStatusCode(503);
            ctx.end();
            return;
        }
        Context eventLoop = Vertx.currentContext();
        Vertx vertx = ctx.vertx();
        Exchange exchange = createExchange(false);
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
            vertx.executeBlocking(() -> {
                createUoW(exchange);
                getAsyncProcessor().process(exchange, doneSync -> {
                    completed.set(true);
                    eventLoop.runOnContext(v -> respond(exchange, ctx));
                });
                return null;
            }, false).onFailure(failure -> fail(exchange, ctx, failure));
        });
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
        doneUoW(exchange);
        releaseExchange(exchange, false);
    }
}
