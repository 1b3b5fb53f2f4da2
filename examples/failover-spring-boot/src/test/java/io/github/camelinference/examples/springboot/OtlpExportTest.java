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
package io.github.camelinference.examples.springboot;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Spring Boot example with {@code OTEL_EXPORTER_OTLP_ENDPOINT} set, to a collector that is not there: the SDK is
 * built and the component records through it, and the calls answer as quickly as without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OtlpExportTest {

    private static final int OPENAI_PORT = freePort();
    private static final int HUGGINGFACE_PORT = freePort();
    private static final int NO_COLLECTOR = freePort();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("example.simulator.openai-port", () -> OPENAI_PORT);
        registry.add("example.simulator.huggingface-port", () -> HUGGINGFACE_PORT);
        // the standard variables, as the environment would set them (Spring's Environment reads both alike)
        registry.add("OTEL_EXPORTER_OTLP_ENDPOINT", () -> "http://127.0.0.1:" + NO_COLLECTOR);
        registry.add("OTEL_EXPORTER_OTLP_PROTOCOL", () -> "http/protobuf");
        registry.add("OTEL_BSP_MAX_QUEUE_SIZE", () -> "16");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    OpenTelemetry openTelemetry;
    @Autowired
    InferenceComponent component;
    @Autowired
    MeterRegistry meters;

    @Test
    @SuppressWarnings("unchecked")
    void withTheOtlpVariablesSetTheSdkIsBuiltTheComponentUsesItAndACollectorThatIsDownHoldsUpNoCall() {
        assertInstanceOf(OpenTelemetrySdk.class, openTelemetry);
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            ResponseEntity<Map> ok = http.postForEntity("/ask", "Classify: refund not received", Map.class);
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, ok.getStatusCode().value(), String.valueOf(ok.getBody()));
        }
        assertSame(openTelemetry, component.getOpenTelemetry(), "the component was autowired with the SDK");
        assertTrue(component.telemetry().isActive());
        assertEquals(30, meters.find("gen_ai.client.operation.duration").timer().count(),
                "the GenAI metrics are Micrometer's (the actuator's), each call once");
        assertFalse(component.telemetry().isGenAiMetrics(), "so the component does not record them a second time");
        millis.sort(Long::compare);
        assertTrue(millis.get(millis.size() / 2) < 1_000, "median " + millis.get(millis.size() / 2) + " ms: " + millis);
    }
}
