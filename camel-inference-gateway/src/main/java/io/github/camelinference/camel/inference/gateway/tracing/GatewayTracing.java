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
package io.github.camelinference.camel.inference.gateway.tracing;

import io.github.camelinference.camel.inference.telemetry.TraceParent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * The first step of {@code POST /v1/chat/completions}: a SERVER span for the request that continues the caller's trace
 * (its W3C {@code traceparent}/{@code tracestate}), put on the exchange as the parent of everything the request does
 * (the failover step's attempts, the component's calls), and ended when the exchange is done. Nothing without an SDK.
 */
public final class GatewayTracing implements Processor {

    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");

    private static final TextMapGetter<Message> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message carrier) {
            return carrier.getHeaders().keySet();
        }

        @Override
        public String get(Message carrier, String key) {
            return carrier == null ? null : carrier.getHeader(key, String.class);
        }
    };

    private final Tracer tracer;

    /** @param openTelemetry the gateway's SDK, or null for none */
    public GatewayTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer("io.github.camelinference.gateway");
    }

    @Override
    public void process(Exchange exchange) {
        if (tracer == null) {
            return;
        }
        Context caller = W3CTraceContextPropagator.getInstance().extract(Context.root(), exchange.getMessage(),
                HEADERS);
        Span span = tracer.spanBuilder("POST /v1/chat/completions").setSpanKind(SpanKind.SERVER).setParent(caller)
                .setAttribute(METHOD, "POST").setAttribute(ROUTE, "/v1/chat/completions").startSpan();
        exchange.setProperty(TraceParent.PROPERTY, caller.with(span));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                Integer status = done.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
                if (status != null) {
                    span.setAttribute(STATUS, (long) status);
                }
                if (done.getException() != null || (status != null && status >= 500)) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            }
        });
    }
}
