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
import java.util.Map;

import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spring Boot example, offline: its REST endpoint answers through the YAML failover route. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringBootExampleTest {

    private static final int OPENAI_PORT = freePort();
    private static final int HUGGINGFACE_PORT = freePort();

    /** Free ports instead of the example's fixed ones, chosen once (a supplier is asked again on every read). */
    @DynamicPropertySource
    static void freePorts(DynamicPropertyRegistry registry) {
        registry.add("example.simulator.openai-port", () -> OPENAI_PORT);
        registry.add("example.simulator.huggingface-port", () -> HUGGINGFACE_PORT);
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
    CamelContext camel;
    @Autowired
    @Qualifier("openAiSimulator")
    ProviderSimulator openai;

    @Test
    @SuppressWarnings("unchecked")
    void theRestEndpointAnswersThroughTheFailoverRoute() {
        ResponseEntity<Map> ok = http.postForEntity("/ask", "Classify: refund not received", Map.class);
        assertEquals(200, ok.getStatusCode().value(), String.valueOf(ok.getBody()));
        assertEquals("Simulated answer to: Classify: refund not received", ok.getBody().get("answer"));
        assertEquals("openai", ok.getBody().get("provider"));
        assertEquals(false, ok.getBody().get("fallback"));

        openai.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"),
                Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        ResponseEntity<Map> rescued = http.postForEntity("/ask", "Hello", Map.class);
        assertEquals(200, rescued.getStatusCode().value());
        assertEquals("hf-fastest", rescued.getBody().get("provider"));
        assertEquals("cerebras", rescued.getBody().get("backend"));
        assertEquals(true, rescued.getBody().get("fallback"));
    }

    @Autowired
    ObjectProvider<OpenTelemetry> openTelemetry;

    @Test
    void withoutTheOtelVariablesThereIsNoSdkAndTheCallsAreCountedInMicrometer() {
        assertNull(openTelemetry.getIfAvailable(), "no OTEL_* variable asks for an export: no SDK at all");
        assertEquals(200, http.postForEntity("/ask", "Hello", Map.class).getStatusCode().value());
        assertTrue(meters.find("gen_ai.client.operation.duration").timer() != null);
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void aMalformedRequestIsABadRequestNotAFallback() {
        openai.enqueue(
                Reply.json(400, "{\"error\":{\"message\":\"Unsupported parameter\",\"type\":\"invalid_request_error\"}}"));
        ResponseEntity<String> bad = http.postForEntity("/ask", "Hello", String.class);
        assertEquals(400, bad.getStatusCode().value(), bad.getBody());
        assertTrue(bad.getBody().contains("INVALID_REQUEST"), bad.getBody());
    }

    @Test
    void noActuatorOutputShowsAKey() {
        String configprops = http.getForObject("/actuator/configprops", String.class);
        String env = http.getForObject("/actuator/env", String.class);
        assertTrue(configprops.contains("camel.component.inference"), "the inference properties are listed");
        for (String output : new String[] { configprops, env }) {
            assertFalse(output.contains("sk-simulated") || output.contains("hf-simulated"), "a key shows in: " + output);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void notReadyAndA503NotA500WhileTheChatRouteIsNotRunning() throws Exception {
        ResponseEntity<Map> ready = http.getForEntity("/actuator/health/readiness", Map.class);
        assertEquals(200, ready.getStatusCode().value(), String.valueOf(ready.getBody()));
        assertEquals("UP", ready.getBody().get("status"));

        camel.getRouteController().stopRoute("chat");
        try {
            ResponseEntity<Map> notReady = http.getForEntity("/actuator/health/readiness", Map.class);
            assertEquals(503, notReady.getStatusCode().value(), String.valueOf(notReady.getBody()));
            ResponseEntity<Map> refused = http.postForEntity("/ask", "Hello", Map.class);
            assertEquals(503, refused.getStatusCode().value(), String.valueOf(refused.getBody()));
            assertEquals("1", refused.getHeaders().getFirst("Retry-After"));
            assertEquals("NOT_READY", refused.getBody().get("error"));
        } finally {
            camel.getRouteController().startRoute("chat");
        }
        assertEquals(200, http.getForEntity("/actuator/health/readiness", Map.class).getStatusCode().value());
        assertEquals(200, http.postForEntity("/ask", "Hello", Map.class).getStatusCode().value());
    }
}
