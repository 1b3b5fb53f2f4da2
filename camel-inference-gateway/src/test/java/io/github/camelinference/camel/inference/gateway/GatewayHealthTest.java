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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Camel Main's management server: health with the failover step's readiness, and Prometheus metrics. */
@Timeout(60)
class GatewayHealthTest {

    private static final String KEY = "gk-health-test";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void healthGoesDownWhenEveryTargetsBreakerIsOpen() throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            int management = TestGateway.freePort();
            Map<String, String> settings = new HashMap<>();
            settings.put("camel.management.port", Integer.toString(management));
            settings.put("gateway.tenant.health.key", KEY);
            settings.put("gateway.retryDelay", "0");
            settings.put("gateway.breaker.minimumNumberOfCalls", "2");
            TestGateway gateway = TestGateway.start(openai, huggingface, settings);
            int port = gateway.port();
            try {
                String health = "http://127.0.0.1:" + management + "/observe/health";
                HttpResponse<String> up = get(health);
                assertEquals(200, up.statusCode(), up.body());
                assertEquals("UP", check(up.body(), "inference-failover-smart"), up.body());
                assertEquals("UP", check(up.body(), "inference-failover-smart-stream"), up.body());

                openai.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
                huggingface.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
                for (int i = 0; i < 3; i++) {
                    HttpResponse<String> failed = http.send(HttpRequest.newBuilder()
                            .uri(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                            .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smart\",\"messages\":"
                                                                      + "[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    assertEquals(502, failed.statusCode(), failed.body());
                }

                HttpResponse<String> down = get(health);
                assertEquals(503, down.statusCode(), down.body());
                assertEquals("DOWN", mapper.readTree(down.body()).path("status").asText(), down.body());
                assertEquals("DOWN", check(down.body(), "inference-failover-smart"), down.body());
                // the streamed requests' step has its own breakers, and no stream has failed
                assertEquals("UP", check(down.body(), "inference-failover-smart-stream"), down.body());
                HttpResponse<String> ready = get(health + "/ready");
                assertEquals(503, ready.statusCode(), ready.body());
                // liveness ignores the providers: an outage the gateway fails over around never restarts it
                HttpResponse<String> live = get(health + "/live");
                assertEquals(200, live.statusCode(), live.body());

                HttpResponse<String> metrics = get("http://127.0.0.1:" + management + "/observe/metrics");
                assertEquals(200, metrics.statusCode());
                assertTrue(metrics.body().contains("jvm_threads_live_threads"), metrics.body());
                assertTrue(metrics.body().contains("routeId=\"chat-completions\""), metrics.body());
            } finally {
                gateway.close();
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder().uri(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status of one named check in a health answer. */
    private String check(String body, String name) throws Exception {
        for (JsonNode check : mapper.readTree(body).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check.path("status").asText();
            }
        }
        return "(no check " + name + ")";
    }

}
