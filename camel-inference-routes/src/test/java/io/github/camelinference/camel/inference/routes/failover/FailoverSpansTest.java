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
package io.github.camelinference.camel.inference.routes.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.BREAKER_STATE;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.CONTINUATION;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.CONTINUE_MODE;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.HEDGE;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.OUTCOME;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.RETRY;
import static io.github.camelinference.camel.inference.routes.failover.FailoverTelemetry.TARGET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The failover step's spans: one INTERNAL span per attempt under the caller's span, each the parent of the client span
 * of the call it made, whose {@code traceparent} the provider receives; and the step's counters.
 */
class FailoverSpansTest extends InferenceTestSupport {

    private static final String PRIMARY_KEY = "sk-canary-SPANS-PRIMARY-0123456789abcdef";
    private static final String FALLBACK_KEY = "hf_canary-SPANS-FALLBACK-0123456789abcd";
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final String PRIMARY_NAME = "openai";
    private static final String FALLBACK_NAME = "huggingface/openai/gpt-oss-120b";

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator primary;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator fallback;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        super.bindToRegistry(registry);
        registry.bind("openTelemetry", otel);
    }

    @AfterEach
    void closeSdk() {
        otel.close();
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String primaryUri = "inference:openai?baseUrl=" + primary.baseUrl() + "&apiKey=RAW(" + PRIMARY_KEY + ")";
        String fallbackUri = "inference:huggingface?baseUrl=" + fallback.baseUrl() + "&apiKey=RAW(" + FALLBACK_KEY
                             + ")&model=openai/gpt-oss-120b";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:retry")
                        .loadBalance(new InferenceFailover().retries(1).retryDelay(20).minimumNumberOfCalls(2)
                                .slidingWindowSize(2))
                        .to(primaryUri)
                        .to(fallbackUri)
                        .end();
                from("direct:hedged")
                        .loadBalance(new InferenceFailover().hedgeDelay(300))
                        .to(primaryUri)
                        .to(fallbackUri)
                        .end();
                from("direct:split")
                        .loadBalance(new InferenceFailover().retryDelay(20))
                        .to(primaryUri + "&stream=true&firstTokenTimeout=2000&streamIdleTimeout=1000")
                        .to(fallbackUri + "&stream=true")
                        .end();
            }
        };
    }

    /** Calls the route with a span of the test's own current on this thread, as the route's span would be. */
    private SpanData underRoute(String route, Exchange[] result) {
        Span root = otel.getTracer("test").spanBuilder("route " + route).setSpanKind(SpanKind.SERVER).setNoParent()
                .startSpan();
        try (Scope ignored = root.makeCurrent()) {
            result[0] = template.request("direct:" + route, e -> e.getMessage().setBody("Hello"));
        } finally {
            root.end();
        }
        return await(s -> s.getSpanId().equals(root.getSpanContext().getSpanId()), 1).get(0);
    }

    @Test
    void aRetryThenAFallbackAreThreeAttemptSpansEachParentOfItsCallsSpanWhoseTraceparentTheProviderGot() {
        primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        Exchange[] result = new Exchange[1];

        SpanData route = underRoute("retry", result);

        assertNull(result[0].getException());
        List<SpanData> attempts = await(childOf(route).and(s -> s.getName().startsWith("failover attempt")), 3);
        assertAttempt(attempts.get(0), PRIMARY_NAME, 0, "failed", "provider_unavailable");
        assertAttempt(attempts.get(1), PRIMARY_NAME, 1, "failed", "provider_unavailable");
        assertAttempt(attempts.get(2), FALLBACK_NAME, 0, "answered", null);
        attempts.forEach(a -> assertEquals(SpanKind.INTERNAL, a.getKind()));
        assertEquals("CLOSED", attempts.get(0).getAttributes().get(BREAKER_STATE));
        assertEquals(StatusCode.ERROR, attempts.get(0).getStatus().getStatusCode());

        List<SpanData> calls = new ArrayList<>();
        for (SpanData attempt : attempts) {
            SpanData call = await(childOf(attempt), 1).get(0);
            assertEquals(SpanKind.CLIENT, call.getKind());
            calls.add(call);
        }
        assertEquals("provider_unavailable", calls.get(0).getAttributes().get(ERROR_TYPE));
        assertEquals("chat openai/gpt-oss-120b", calls.get(2).getName());
        List<RecordedRequest> sent = primary.requests();
        assertEquals(traceparent(calls.get(0)), sent.get(0).header("traceparent"));
        assertEquals(traceparent(calls.get(1)), sent.get(1).header("traceparent"));
        assertEquals(traceparent(calls.get(2)), fallback.lastRequest().header("traceparent"));

        assertEquals(3, counter("camel.inference.failover.attempts"));
        assertEquals(1, counter("camel.inference.failover.fallbacks"));
        assertTrue(metrics.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("camel.inference.failover.breaker.transitions"))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .anyMatch(p -> "OPEN".equals(p.getAttributes().get(FailoverTelemetry.TO_STATE))
                        && PRIMARY_NAME.equals(p.getAttributes().get(TARGET))),
                "two failures in a window of two opened the primary's breaker");
        assertNoKeys();
    }

    @Test
    void aHedgesLoserEndsAsCancelledAndTheHedgeThatAnsweredIsMarkedAsOne() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(3_000)));
        Exchange[] result = new Exchange[1];

        SpanData route = underRoute("hedged", result);

        assertNull(result[0].getException());
        List<SpanData> attempts = await(childOf(route).and(s -> s.getName().startsWith("failover attempt")), 2);
        SpanData loser = attempts.get(0);
        SpanData winner = attempts.get(1);
        assertAttempt(loser, PRIMARY_NAME, 0, "cancelled", null);
        assertEquals(false, loser.getAttributes().get(HEDGE));
        assertEquals(StatusCode.UNSET, loser.getStatus().getStatusCode(), "dropped, not failed");
        assertTrue(loser.getEvents().stream().anyMatch(e -> e.getName().equals(FailoverTelemetry.EVENT_HEDGED)));
        assertAttempt(winner, FALLBACK_NAME, 0, "answered", null);
        assertEquals(true, winner.getAttributes().get(HEDGE));
        SpanData loserCall = await(childOf(loser), 1).get(0);
        assertEquals("cancelled", loserCall.getAttributes().get(ERROR_TYPE));
        assertEquals(traceparent(await(childOf(winner), 1).get(0)), fallback.lastRequest().header("traceparent"));
        assertEquals(1, counter("camel.inference.failover.hedges"));
    }

    @Test
    void aStreamCutMidWayAndContinuedOnTheFallbackIsABrokenAttemptAndAContinuationAttempt() throws IOException {
        primary.always(Reply.answer().paced(Duration.ofMillis(30)).cutAfterChunks(3));
        Exchange[] result = new Exchange[1];

        SpanData route = underRoute("split", result);
        ChatStream stream = assertInstanceOf(ChatStream.class, result[0].getMessage().getBody());
        StringBuilder text = new StringBuilder();
        while (stream.hasNext()) {
            text.append(stream.next());
        }

        assertEquals("Simulated answer to: Hello", text.toString());
        List<SpanData> attempts = await(childOf(route).and(s -> s.getName().startsWith("failover attempt")), 2);
        assertAttempt(attempts.get(0), PRIMARY_NAME, 0, "stream_broken", "stream_interrupted");
        assertEquals(false, attempts.get(0).getAttributes().get(CONTINUATION));
        assertAttempt(attempts.get(1), FALLBACK_NAME, 0, "answered", null);
        assertEquals(true, attempts.get(1).getAttributes().get(CONTINUATION));
        assertEquals("prefill", attempts.get(1).getAttributes().get(CONTINUE_MODE));
        SpanData cut = await(childOf(attempts.get(0)), 1).get(0);
        SpanData continued = await(childOf(attempts.get(1)), 1).get(0);
        assertEquals("stream_interrupted", cut.getAttributes().get(ERROR_TYPE));
        assertTrue(cut.getEvents().stream().anyMatch(e -> e.getName().equals("camel.inference.first_chunk")),
                "the cut stream had begun");
        assertNull(continued.getAttributes().get(ERROR_TYPE));
        assertEquals(traceparent(continued), fallback.lastRequest().header("traceparent"));
        assertEquals(1, counter("camel.inference.failover.continuations"));

        // the docs show this tree (docs/design.md, "Tracing"): rendered from this export
        String tree = SpanTree.render(route, spans.getFinishedSpanItems());
        Path out = Path.of("target", "span-trees", "continued-stream.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, tree, StandardCharsets.UTF_8);
        assertTrue(tree.contains("└─ chat openai/gpt-oss-120b"), tree);
    }

    private static void assertAttempt(SpanData attempt, String target, long retry, String outcome, String error) {
        assertEquals("failover attempt " + target, attempt.getName());
        assertEquals(target, attempt.getAttributes().get(TARGET));
        assertEquals(retry, attempt.getAttributes().get(RETRY));
        assertEquals(outcome, attempt.getAttributes().get(OUTCOME), attempt.toString());
        assertEquals(error, attempt.getAttributes().get(ERROR_TYPE));
    }

    private void assertNoKeys() {
        for (SpanData span : spans.getFinishedSpanItems()) {
            String all = span.getName() + span.getAttributes() + span.getEvents();
            assertFalse(all.contains("canary-SPANS"), "a key in " + all);
        }
    }

    private long counter(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
                .flatMap(m -> m.getLongSumData().getPoints().stream()).mapToLong(LongPointData::getValue).sum();
    }

    private static String traceparent(SpanData span) {
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
    }

    private static Predicate<SpanData> childOf(SpanData parent) {
        return s -> s.getParentSpanId().equals(parent.getSpanId()) && s.getTraceId().equals(parent.getTraceId());
    }

    /** At least {@code count} finished spans matching, in start order; spans end on I/O and worker threads. */
    private List<SpanData> await(Predicate<SpanData> match, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<SpanData> found = new ArrayList<>(spans.getFinishedSpanItems().stream().filter(match).toList());
            if (found.size() >= count) {
                found.sort(Comparator.comparingLong(SpanData::getStartEpochNanos));
                return found;
            }
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " spans, found " + found.size() + " among "
                     + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
