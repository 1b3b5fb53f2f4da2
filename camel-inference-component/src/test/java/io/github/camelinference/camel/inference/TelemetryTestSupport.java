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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterEach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Tests of what the component records, with the OpenTelemetry SDK's in-memory exporters: spans as they end, metrics
 * when read. The SDK is the component's {@code openTelemetry} option, autowired from the registry as an application
 * would have it; the global instance is never touched.
 */
abstract class TelemetryTestSupport extends SimulatorTestSupport {

    final InMemorySpanExporter spans = InMemorySpanExporter.create();
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    /** Bound before the component is added, so Camel autowires it into the component's openTelemetry option. */
    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        super.bindToRegistry(registry);
        registry.bind("openTelemetry", otel);
    }

    @AfterEach
    void closeSdk() {
        otel.close();
    }

    /** Runs the call with a span of the test's own current, as a route's span would be; returns that span. */
    SpanData underParent(String name, Supplier<Exchange> call, Exchange[] result) {
        Span parent = otel.getTracer("test").spanBuilder(name).setSpanKind(SpanKind.SERVER).setNoParent()
                .startSpan();
        try (Scope ignored = parent.makeCurrent()) {
            result[0] = call.get();
        } finally {
            parent.end();
        }
        return awaitSpan(s -> s.getSpanId().equals(parent.getSpanContext().getSpanId()));
    }

    /** The finished span matching, waiting for it: spans of streams and failovers end on other threads. */
    SpanData awaitSpan(Predicate<SpanData> match) {
        return awaitSpans(match, 1).get(0);
    }

    /** At least {@code count} finished spans matching, in start order. */
    List<SpanData> awaitSpans(Predicate<SpanData> match, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<SpanData> found = new ArrayList<>(spans.getFinishedSpanItems().stream().filter(match).toList());
            if (found.size() >= count) {
                found.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
                return found;
            }
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " spans, found " + found.size() + " among " + names());
            }
            try {
                Thread.sleep(5); // polling the exporter: spans end on I/O and pool threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    List<String> names() {
        return spans.getFinishedSpanItems().stream().map(SpanData::getName).toList();
    }

    static Predicate<SpanData> named(String name) {
        return s -> s.getName().equals(name);
    }

    static Predicate<SpanData> childOf(SpanData parent) {
        return s -> s.getParentSpanId().equals(parent.getSpanId())
                && s.getTraceId().equals(parent.getTraceId());
    }

    /** The W3C traceparent naming this span, as a provider receives it. */
    static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    MetricData metric(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name));
    }

    /** The histogram's points, summed over its attribute sets: how many values were recorded. */
    long histogramCount(String name) {
        return metric(name).getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount).sum();
    }

    long counterValue(String name) {
        return metric(name).getLongSumData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
    }

    static void assertKind(SpanKind kind, SpanData span) {
        assertEquals(kind, span.getKind(), span.getName());
    }
}
