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
package io.github.camelinference.camel.inference.gateway;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.gateway.tracing.GatewayTelemetry;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gateway in a trace: it continues the trace of a caller's {@code traceparent} (the openai-java SDK here), and its
 * spans leave through the SDK's batch processor, so a collector that is down never holds up a call.
 */
@Timeout(120)
class GatewayTracingTest {

    private static final String KEY = "gk-trace-test";
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private ProviderSimulator openai;
    private ProviderSimulator huggingface;
    private TestGateway gateway;

    @BeforeEach
    void simulators() {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        openai.always(Reply.answer());
        huggingface.always(Reply.answer());
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        openai.close();
        huggingface.close();
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.tenant.tracer.key", KEY);
        settings.put("gateway.tenant.tracer.requestsPerMinute", "0");
        return settings;
    }

    private OpenAIClient client(Map<String, String> headers) {
        OpenAIOkHttpClient.Builder builder = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::putHeader);
        return builder.build();
    }

    private static ChatCompletionCreateParams hello() {
        return ChatCompletionCreateParams.builder().model("smart").addUserMessage("Say hello").build();
    }

    @Test
    void theGatewayContinuesTheCallersTraceDownToTheProvidersCall() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        gateway = TestGateway.start(openai, huggingface, settings(), sdk);

        ChatCompletion answer = client(Map.of("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01"))
                .chat().completions().create(hello());

        assertEquals("Simulated answer to: Say hello", answer.choices().get(0).message().content().orElseThrow());
        SpanData server = await(spans, s -> s.getKind() == SpanKind.SERVER, 1).get(0);
        assertEquals(CALLER_TRACE, server.getTraceId(), "the caller's trace goes on");
        assertEquals(CALLER_SPAN, server.getParentSpanId(), "the gateway's span hangs from the caller's");
        assertEquals(200L, server.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        SpanData attempt = await(spans, s -> s.getParentSpanId().equals(server.getSpanId()), 1).get(0);
        assertTrue(attempt.getName().startsWith("failover attempt"), attempt.getName());
        SpanData chat = await(spans, s -> s.getParentSpanId().equals(attempt.getSpanId()), 1).get(0);
        assertEquals("chat gpt-5-mini", chat.getName());
        assertEquals("00-" + CALLER_TRACE + "-" + chat.getSpanId() + "-01", openai.lastRequest().header("traceparent"),
                "the provider gets the call's own span, in the caller's trace");
        sdk.close();
    }

    @Test
    void withoutAnSdkTheGatewaySendsNoTraceContextOnEvenWhenTheCallerSentOne() throws Exception {
        gateway = TestGateway.start(openai, huggingface, settings(), null);

        client(Map.of("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")).chat().completions()
                .create(hello());

        assertNull(openai.lastRequest().header("traceparent"), "the caller's header is not passed through as is");
    }

    @Test
    void aCollectorThatIsDownNeverHoldsUpACallAndTheSpansPastTheQueueAreCountedAsDropped() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // nothing listens there once the socket is closed
        }
        InMemoryMetricReader sdkCounts = InMemoryMetricReader.create();
        Map<String, String> environment = Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closedPort,
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_BSP_MAX_QUEUE_SIZE", "8",
                "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "4",
                "OTEL_BSP_SCHEDULE_DELAY", "100");
        OpenTelemetrySdk sdk = GatewayTelemetry.fromEnvironment(environment::get,
                builder -> builder.addMeterProviderCustomizer((meters, config) -> meters.registerMetricReader(sdkCounts)));
        gateway = TestGateway.start(openai, huggingface, settings(), sdk);
        OpenAIClient client = client(Map.of());

        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            long start = System.nanoTime();
            ChatCompletion answer = client.chat().completions().create(hello());
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals("Simulated answer to: Say hello", answer.choices().get(0).message().content().orElseThrow());
        }

        millis.sort(Long::compare);
        assertTrue(millis.get(millis.size() / 2) < 1_000, "calls are not held up by the export: median "
                                                          + millis.get(millis.size() / 2) + " ms, all " + millis);
        long dropped = sdkCounts.collectAllMetrics().stream().filter(m -> m.getName().equals("processedSpans"))
                .flatMap(m -> m.getLongSumData().getPoints().stream())
                .filter(p -> Boolean.TRUE.equals(p.getAttributes().get(AttributeKey.booleanKey("dropped"))))
                .mapToLong(LongPointData::getValue).sum();
        assertTrue(dropped > 0, "120 spans into a queue of 8 that cannot drain: the rest are counted as dropped");
        System.out.println("collector down: 40 calls, median " + millis.get(millis.size() / 2) + " ms, max "
                           + millis.get(millis.size() - 1) + " ms; spans dropped and counted: " + dropped);
    }

    private static List<SpanData> await(InMemorySpanExporter spans, Predicate<SpanData> match, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<SpanData> found = spans.getFinishedSpanItems().stream().filter(match).toList();
            if (found.size() >= count) {
                return found;
            }
            if (System.nanoTime() > deadline) {
                fail("expected " + count + " spans, found " + found.size() + " among "
                     + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
            }
            try {
                Thread.sleep(5); // spans end on the gateway's threads
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
