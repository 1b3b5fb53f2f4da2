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
package io.github.camelinference.camel.inference.gateway.http;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.gateway.openai.GatewayException;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiErrors;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiRequestReader;
import io.github.camelinference.camel.inference.gateway.openai.ParsedRequest;
import io.github.camelinference.camel.inference.gateway.tenant.RequestRateLimiter;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.gateway.tenant.TenantStore;
import io.github.camelinference.camel.inference.gateway.vertx.AsyncPlatformHttpConsumer;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The first step of {@code POST /v1/chat/completions}: the gateway key (401 before anything else), the tenant's
 * requests per minute (429 with Retry-After, before any provider call), the body (400), the model (404 when no route
 * serves it or the tenant may not use it). Leaves a {@code ChatRequest} as the body, the tenant as the budget key, and
 * the public model name for the routes to dispatch on.
 * <p>
 * It also says how the request ends early: a caller that hangs up cancels the provider call; a gateway stop whose
 * shutdown timeout the request outlives answers 503 {@code gateway_shutting_down} and cancels it (a stream's relay
 * takes that over once its first event has arrived).
 */
public final class ChatCompletionsIn implements Processor {

    private final TenantStore tenants;
    private final OpenAiRequestReader reader;
    private final ModelRoutes models;
    private final RequestRateLimiter rateLimiter;
    /** The 503 body of a request a stop ends (the same for every request). */
    private final byte[] shuttingDown;

    public ChatCompletionsIn(TenantStore tenants, OpenAiRequestReader reader, ModelRoutes models,
                             RequestRateLimiter rateLimiter, ObjectMapper mapper) {
        this.tenants = tenants;
        this.reader = reader;
        this.models = models;
        this.rateLimiter = rateLimiter;
        try {
            this.shuttingDown = mapper.writeValueAsBytes(
                    OpenAiErrors.body(mapper, GatewayException.shuttingDownBeforeAnswer()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the gateway's shutting-down error", e);
        }
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(GatewayExchange.REQUEST_ID, "gw-" + UUID.randomUUID());
        Message in = exchange.getMessage();
        if (in instanceof HttpMessage http) {
            exchange.setProperty(GatewayExchange.HTTP_RESPONSE, http.getResponse());
        }
        // why: a caller that hangs up before its answer cancels the provider call the producer has in flight
        exchange.setProperty(AsyncPlatformHttpConsumer.ON_CLIENT_GONE, (Runnable) () -> {
            if (exchange.getProperty(InferenceConstants.CANCEL_PROPERTY) instanceof Runnable cancel) {
                cancel.run();
            }
        });
        exchange.setProperty(AsyncPlatformHttpConsumer.ON_STOP, (Runnable) () -> stopping(exchange));
        Tenant tenant = authenticate(tenants, in);
        exchange.setProperty(GatewayExchange.TENANT, tenant);
        Duration wait = rateLimiter.tryAcquire(tenant);
        if (wait != null) {
            throw GatewayException.tenantRateLimited(tenant.requestsPerMinute(), wait);
        }
        ParsedRequest request = reader.read(in.getBody(byte[].class));
        if (!tenant.mayUse(request.model()) || !models.serves(exchange.getContext(), request.model())) {
            throw GatewayException.unknownModel(request.model());
        }
        exchange.setProperty(GatewayExchange.REQUEST, request);
        exchange.setProperty(GatewayExchange.MODEL, request.model());
        exchange.setProperty(GatewayExchange.STREAM, request.stream());
        in.removeHeaders("*");
        in.setHeader(InferenceConstants.BUDGET_KEY, tenant.name());
        in.setBody(request.request());
    }

    /**
     * The gateway stops and this request outlived the shutdown timeout, still waiting for its provider: the caller gets
     * a 503 saying so, and the provider call is cancelled. Written here on the connection's event loop, because Camel
     * runs no route step (the routes' error handler neither) once a shutdown is forced; the cancelled exchange then
     * completes and the consumer finds the response written.
     */
    private void stopping(Exchange exchange) {
        HttpServerResponse response = GatewayExchange.httpResponse(exchange);
        Context eventLoop = exchange.getProperty(AsyncPlatformHttpConsumer.VERTX_CONTEXT, Context.class);
        String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
        if (response != null && eventLoop != null) {
            eventLoop.runOnContext(v -> {
                if (!response.headWritten() && !response.closed()) {
                    response.setStatusCode(503).putHeader("Content-Type", "application/json")
                            .putHeader(GatewayExchange.REQUEST_ID_HEADER, requestId)
                            .end(Buffer.buffer(shuttingDown));
                }
            });
        }
        // why after: the cancelled exchange's own response is queued on the same event loop behind the 503
        if (exchange.getProperty(InferenceConstants.CANCEL_PROPERTY) instanceof Runnable cancel) {
            cancel.run();
        }
    }

    /** The tenant of the request's gateway key; a 401 for a missing or unknown key. */
    static Tenant authenticate(TenantStore tenants, Message in) {
        Tenant tenant = tenants.authenticate(in.getHeader("Authorization", String.class));
        if (tenant == null) {
            throw GatewayException.badKey();
        }
        return tenant;
    }
}
