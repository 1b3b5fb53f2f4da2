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
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping the gateway: Camel's graceful shutdown waits for the streams in flight up to its timeout; a stream that ends
 * within it ends normally, one still running when it expires gets an in-band error event and no {@code [DONE]}, and its
 * provider call is aborted. A JSON request still waiting for its provider then gets a 503 saying why, and its provider
 * call is aborted too.
 */
@Timeout(60)
class GatewayGracefulStopTest {

    @Test
    void aStreamInFlightFinishesWhenTheGatewayStops() throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            openai.always(Reply.answer().paced(Duration.ofMillis(150)));
            RunningGateway gateway = RunningGateway.start(openai, huggingface, 20);

            CompletableFuture<HttpResponse<String>> stream = gateway.stream("smart");
            // why: stop only once the stream has started (the provider has been called)
            awaitUntil(() -> openai.requestCount() == 1);
            gateway.main.stop();

            HttpResponse<String> response = stream.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"content\":\" hello\""), response.body());
            assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        }
    }

    @Test
    void aStreamStillRunningWhenTheShutdownTimeoutExpiresEndsWithAnErrorEventAndItsProviderCallIsAborted()
            throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            // smart's stream ends in about a second; cheap's sends the role and a word, then nothing
            openai.always(Reply.answer().paced(Duration.ofMillis(100)));
            huggingface.always(Reply.answer().stallAfterChunks(2));
            RunningGateway gateway = RunningGateway.start(openai, huggingface, 3);

            CompletableFuture<HttpResponse<String>> finishing = gateway.stream("smart");
            CompletableFuture<HttpResponse<String>> stalled = gateway.stream("cheap");
            awaitUntil(() -> openai.requestCount() == 1 && huggingface.requestCount() == 1);
            long stopping = System.nanoTime();
            gateway.main.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            System.out.printf("stop with a stream past the 3 s shutdown timeout took %d ms%n", stopMillis);

            String whole = finishing.get(30, TimeUnit.SECONDS).body();
            assertTrue(whole.contains("\"content\":\" hello\""), whole);
            assertTrue(whole.endsWith("data: [DONE]\n\n"), "a stream that ends within the timeout ends normally: "
                                                           + whole);
            HttpResponse<String> cut = stalled.get(30, TimeUnit.SECONDS);
            assertEquals(200, cut.statusCode());
            assertTrue(cut.body().contains("\"content\":\"Simulated\""), "the deltas sent before: " + cut.body());
            assertTrue(cut.body().endsWith("data: {\"error\":{\"message\":\"The gateway is shutting down and ended"
                                           + " this stream before the answer was complete; send the request again.\",\"type\":"
                                           + "\"server_error\",\"param\":null,\"code\":\"gateway_shutting_down\"}}\n\n"),
                    cut.body());
            assertFalse(cut.body().contains("[DONE]"), "a cut answer is never presented as whole: " + cut.body());
            awaitUntil(() -> huggingface.openConnections() == 0);
            assertEquals(0, huggingface.openConnections(), "the stalled provider call is aborted");
            assertTrue(stopMillis >= 2_500, "the stop waited for the shutdown timeout of 3 s: " + stopMillis + " ms");
            assertTrue(stopMillis < 15_000, "the stop did not hang on the stalled stream: " + stopMillis + " ms");
        }
    }

    @Test
    void aJsonRequestStillWaitingWhenTheShutdownTimeoutExpiresGetsA503AndItsProviderCallIsAborted() throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            // smart's first provider takes the request and never answers; cheap answers after a second, within the
            // timeout
            openai.always(Reply.stall());
            huggingface.always(Reply.answer().delayed(Duration.ofSeconds(1)));
            RunningGateway gateway = RunningGateway.start(openai, huggingface, 3);

            CompletableFuture<HttpResponse<String>> answered = gateway.chat("cheap", false);
            CompletableFuture<HttpResponse<String>> waiting = gateway.chat("smart", false);
            awaitUntil(() -> openai.requestCount() == 1 && huggingface.requestCount() == 1);
            long stopping = System.nanoTime();
            gateway.main.stop();
            long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
            System.out.printf("stop with a JSON request past the 3 s shutdown timeout took %d ms%n", stopMillis);

            HttpResponse<String> whole = answered.get(30, TimeUnit.SECONDS);
            assertEquals(200, whole.statusCode(), "a request answered within the timeout: " + whole.body());
            assertTrue(whole.body().contains("\"object\":\"chat.completion\"")
                    && whole.body().contains("Simulated answer to: Say hello"), whole.body());
            HttpResponse<String> ended = waiting.get(30, TimeUnit.SECONDS);
            assertEquals(503, ended.statusCode(), ended.body());
            assertEquals("application/json", ended.headers().firstValue("Content-Type").orElse(""));
            assertTrue(ended.headers().firstValue("x-request-id").orElse("").startsWith("gw-"), ended.headers()
                    .toString());
            assertEquals("{\"error\":{\"message\":\"The gateway is shutting down and ended this request before its"
                         + " provider answered; send the request again.\",\"type\":\"server_error\",\"param\":null,"
                         + "\"code\":\"gateway_shutting_down\"}}",
                    ended.body());
            awaitUntil(() -> openai.openConnections() == 0);
            assertEquals(0, openai.openConnections(), "the stalled provider call is aborted");
            assertEquals(1, huggingface.requestCount(), "the ended request is not failed over to smart's second"
                                                        + " provider");
            assertTrue(stopMillis >= 2_500, "the stop waited for the shutdown timeout of 3 s: " + stopMillis + " ms");
            assertTrue(stopMillis < 15_000, "the stop did not hang on the stalled request: " + stopMillis + " ms");
        }
    }

    /** A gateway on an ephemeral port in front of the simulators, with the given shutdown timeout (seconds). */
    private record RunningGateway(Main main, int port) {

        static RunningGateway start(ProviderSimulator openai, ProviderSimulator huggingface, int shutdownTimeoutSeconds)
                throws Exception {
            TestGateway gateway = TestGateway.start(openai, huggingface, Map.of(
                    "camel.main.shutdownTimeout", Integer.toString(shutdownTimeoutSeconds),
                    "gateway.requestTimeout", "60000",
                    "gateway.firstTokenTimeout", "60000"));
            return new RunningGateway(gateway.main(), gateway.port());
        }

        CompletableFuture<HttpResponse<String>> stream(String model) {
            return chat(model, true);
        }

        CompletableFuture<HttpResponse<String>> chat(String model, boolean stream) {
            return HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder()
                    .uri(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer gk-acme-local-only")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":" + stream + ","
                                                              + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Polls with a generous deadline; the assertion after it says what did not happen. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
