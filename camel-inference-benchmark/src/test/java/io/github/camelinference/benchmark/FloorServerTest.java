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
package io.github.camelinference.benchmark;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The floor server the benchmark measures beside the gateway relays a call end to end, with either hand-over. */
class FloorServerTest {

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator provider;

    private static final String REQUEST = "{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private static final String STREAM_REQUEST
            = "{\"model\":\"gpt-5-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ParameterizedTest
    @EnumSource(FloorServer.Crossings.class)
    void relaysTheRequestBytesAndTheProvidersAnswer(FloorServer.Crossings crossings) throws Exception {
        try (FloorServer floor = FloorServer.start(provider.baseUrl(), 0, crossings)) {
            HttpResponse<String> answer = post(floor, FloorServer.PATH);

            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"choices\""), answer.body());
            assertEquals(REQUEST, provider.lastRequest().body());
        }
    }

    @ParameterizedTest
    @EnumSource(FloorServer.Crossings.class)
    void relaysTheProvidersErrorStatusAndBody(FloorServer.Crossings crossings) throws Exception {
        provider.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}"));
        try (FloorServer floor = FloorServer.start(provider.baseUrl(), 0, crossings)) {
            HttpResponse<String> answer = post(floor, FloorServer.PATH);

            assertEquals(429, answer.statusCode());
            assertEquals("{\"error\":{\"message\":\"slow down\"}}", answer.body());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
    }

    @ParameterizedTest
    @EnumSource(FloorServer.Crossings.class)
    void relaysAStreamsEventsInOrderAndItsEnd(FloorServer.Crossings crossings) throws Exception {
        provider.enqueue(Reply.sseData("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "[DONE]").paced(Duration.ofMillis(5)));
        try (FloorServer floor = FloorServer.start(provider.baseUrl(), 0, crossings)) {
            HttpResponse<String> answer = client.send(request(floor, STREAM_REQUEST), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, answer.statusCode());
            assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            assertEquals("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: {\"n\":3}\n\ndata: [DONE]\n\n", answer.body());
            assertEquals(STREAM_REQUEST, provider.lastRequest().body());
        }
    }

    @ParameterizedTest
    @EnumSource(FloorServer.Crossings.class)
    void relaysEachEventAsItArrives(FloorServer.Crossings crossings) throws Exception {
        // two events, then the provider goes silent: both must reach the client without the rest of the answer
        provider.enqueue(Reply.sseData("{\"n\":1}", "{\"n\":2}", "[DONE]").stallAfterChunks(2));
        try (FloorServer floor = FloorServer.start(provider.baseUrl(), 0, crossings)) {
            HttpResponse<InputStream> answer = client.send(request(floor, STREAM_REQUEST),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader events = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8))) {
                List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    List<String> read = new ArrayList<>();
                    for (int i = 0; i < 4; i++) {
                        read.add(events.readLine());
                    }
                    return read;
                });
                assertEquals(List.of("data: {\"n\":1}", "", "data: {\"n\":2}", ""), lines);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FloorServer.Crossings.class)
    void answersAnotherPathWith404(FloorServer.Crossings crossings) throws Exception {
        try (FloorServer floor = FloorServer.start(provider.baseUrl(), 0, crossings)) {
            assertEquals(404, post(floor, "/v1/embeddings").statusCode());
            assertEquals(0, provider.requestCount());
        }
    }

    private HttpResponse<String> post(FloorServer floor, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floor.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(FloorServer floor, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + floor.port() + FloorServer.PATH))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
