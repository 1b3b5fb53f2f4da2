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
package io.github.camelinference.examples.kafka;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelinference.camel.inference.InferenceComponent;
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
import org.apache.camel.support.SynchronizationAdapter;

/**
 * A prompt record's place in a trace: a CONSUMER span {@code process <topic>} that continues the trace of the record's
 * W3C headers ({@code traceparent}, {@code tracestate}, as Kafka header bytes), parent of the failover step's attempts
 * and their calls; the answer record and a dead letter carry that span's {@code traceparent} on, so whatever reads them
 * continues the same trace. Nothing without an OpenTelemetry SDK: then the record's own headers pass through as they
 * came.
 */
final class RecordTracing {

    private static final String SPAN_PROPERTY = "PipelineRecordSpan";
    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("pipeline.outcome");

    private static final TextMapGetter<Message> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Message carrier) {
            return carrier.getHeaders().keySet();
        }

        @Override
        public String get(Message carrier, String key) {
            Object value = carrier == null ? null : carrier.getHeader(key);
            if (value instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8); // camel-kafka hands record headers over as bytes
            }
            return value == null ? null : value.toString();
        }
    };

    private RecordTracing() {
    }

    /** The OpenTelemetry the pipeline's calls record to (the inference component's), or null for none. */
    static Tracer tracer(Exchange exchange) {
        InferenceComponent inference = exchange.getContext().getComponent("inference", InferenceComponent.class);
        OpenTelemetry otel = inference == null ? null : inference.telemetry().openTelemetry();
        return otel == null ? null : otel.getTracer("io.github.camelinference.kafka-pipeline");
    }

    /** Before the call: the record's span, continuing the record's trace, as the parent of the call's spans. */
    static void received(Exchange exchange, String topic) {
        Tracer tracer = tracer(exchange);
        if (tracer == null) {
            return;
        }
        Context producer = W3CTraceContextPropagator.getInstance().extract(Context.root(), exchange.getMessage(),
                HEADERS);
        Span span = tracer.spanBuilder("process " + topic).setSpanKind(SpanKind.CONSUMER).setParent(producer)
                .setAttribute(SYSTEM, "kafka").setAttribute(DESTINATION, topic).setAttribute(OPERATION, "process")
                .startSpan();
        Context context = producer.with(span);
        exchange.setProperty(TraceParent.PROPERTY, context);
        exchange.setProperty(SPAN_PROPERTY, span);
        // why a completion too: a prompt deferred (no target could take it) or whose answer the broker refused ends
        // without answer or dead letter; its span ends with the exchange
        AtomicBoolean ended = new AtomicBoolean();
        exchange.setProperty(SPAN_PROPERTY + "Ended", ended);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                end(done, "unfinished");
            }
        });
    }

    /** The output record (answer or dead letter) carries the record span's trace context on; the span ends. */
    static void writing(Exchange exchange, String outcome) {
        Object context = exchange.getProperty(TraceParent.PROPERTY);
        if (!(context instanceof Context traced) || exchange.getProperty(SPAN_PROPERTY) == null) {
            return;
        }
        Message m = exchange.getMessage();
        m.removeHeader("traceparent");
        m.removeHeader("tracestate");
        W3CTraceContextPropagator.getInstance().inject(traced, m, Message::setHeader);
        end(exchange, outcome);
    }

    private static void end(Exchange exchange, String outcome) {
        Span span = exchange.getProperty(SPAN_PROPERTY, Span.class);
        AtomicBoolean ended = exchange.getProperty(SPAN_PROPERTY + "Ended", AtomicBoolean.class);
        if (span == null || ended == null || !ended.compareAndSet(false, true)) {
            return;
        }
        span.setAttribute(OUTCOME, outcome);
        if ("dead-letter".equals(outcome)) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }
}
