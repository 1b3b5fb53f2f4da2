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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's timeouts as shipped (no timeout setting overridden) against the two cases a public failure-scenario
 * suite allows 15 s for: a provider silent before its first token, and a stream that stalls after a few. Each ends
 * within 15 s, and not before the 10 s the endpoints pick for a model answering without reasoning: on {@code cheap}
 * (one target) with an error, on {@code smart} with the whole answer from the next target. A caller asking for high
 * reasoning effort gets a reasoning model's longer timeouts. The five run at once.
 */
@Timeout(90)
class GatewayShippedTimeoutsTest {

    private static final String KEY = "gk-timeouts-test";
    /** The suite's limit for both cases. */
    private static final Duration LIMIT = Duration.ofSeconds(15);
    /** The endpoints' own default, less a margin for clocks: no case may end before the provider was given it. */
    private static final Duration NOT_BEFORE = Duration.ofSeconds(9);
    private static final String ANSWER = "Simulated answer to: Say hello";
    /** Longer than the 10 s a model answering at once gets: a reasoning model's first token can take this. */
    private static final Duration THINKING = Duration.ofSeconds(12);
    private static final Pattern CONTENT = Pattern.compile("\"content\":\"([^\"]*)\"");

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        Map<String, String> settings = new HashMap<>();
        settings.put("camel.management.port", Integer.toString(TestGateway.freePort()));
        settings.put("gateway.tenant.timeouts.key", KEY);
        gateway = TestGateway.start(openai, huggingface, settings);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void aSilentProviderAndAStalledStreamEndWithinFifteenSeconds() throws Exception {
        // in order of arrival: each provider's first request gets the silence, its second the stall; the router's
        // later requests (smart's fallback) are answered
        huggingface.enqueue(Reply.stall(), Reply.answer().stallAfterChunks(3));
        openai.enqueue(Reply.stall(), Reply.answer().stallAfterChunks(3), Reply.answer().delayed(THINKING));

        Timed cheapSilent = send("cheap", "", huggingface::requestCount, 1);
        Timed cheapStalled = send("cheap", "", huggingface::requestCount, 2);
        Timed smartSilent = send("smart", "", openai::requestCount, 1);
        Timed smartStalled = send("smart", "", openai::requestCount, 2);
        Timed smartThinking = send("smart", ",\"reasoning_effort\":\"high\"", openai::requestCount, 3);

        HttpResponse<String> silent = cheapSilent.await();
        assertEquals(504, silent.statusCode(), silent.body());
        assertTrue(silent.body().contains("provider_timeout"), silent.body());
        cheapSilent.assertWithinLimit("cheap, no first token");

        HttpResponse<String> stalled = cheapStalled.await();
        assertEquals(200, stalled.statusCode(), "the status went out with the first delta");
        assertTrue(stalled.body().contains("\"content\":\"Simulated\""), stalled.body());
        assertTrue(stalled.body().contains("data: {\"error\":{") && stalled.body().contains("provider_timeout"),
                stalled.body());
        assertFalse(stalled.body().contains("[DONE]"), stalled.body());
        cheapStalled.assertWithinLimit("cheap, stream stalled");

        for (Timed smart : new Timed[] { smartSilent, smartStalled }) {
            HttpResponse<String> answered = smart.await();
            assertEquals(200, answered.statusCode(), answered.body());
            assertEquals(ANSWER, text(answered.body()), answered.body());
            assertTrue(answered.body().endsWith("data: [DONE]\n\n"), answered.body());
        }
        smartSilent.assertWithinLimit("smart, no first token from the primary (the router answered)");
        smartStalled.assertWithinLimit("smart, the primary's stream stalled (the router continued it)");

        // a caller asking for high effort gets the longer timeouts of a reasoning model: the primary answers
        HttpResponse<String> thought = smartThinking.await();
        assertEquals(200, thought.statusCode(), thought.body());
        assertEquals("openai", thought.headers().firstValue("x-camel-inference-provider").orElseThrow());
        assertEquals(ANSWER, text(thought.body()), thought.body());
        assertTrue(smartThinking.took().compareTo(THINKING) >= 0, smartThinking.took().toString());
        assertEquals("high", openai.requests().get(2).json().path("reasoning_effort").asText(),
                "the caller's effort went to the provider");
        assertEquals(4, huggingface.requestCount(), "cheap's two calls, then smart's two fallbacks, none for"
                                                    + " the thinking call");
    }

    /** Sends a streamed request, then waits until the provider has it, so the next one takes the next reply. */
    private static Timed send(String model, String extraFields, IntSupplier received, int expected)
            throws Exception {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> response = HttpClient.newHttpClient().sendAsync(
                HttpRequest.newBuilder().uri(URI.create(gateway.baseUrl() + "/chat/completions"))
                        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + KEY)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
                                                                  + "\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]"
                                                                  + extraFields + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        CompletableFuture<Long> ended = response.thenApply(r -> System.nanoTime());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.getAsInt() < expected) {
            assertTrue(System.nanoTime() < deadline, model + ": the provider never received request " + expected);
            Thread.sleep(5);
        }
        return new Timed(start, response, ended);
    }

    /** The text of a streamed answer's deltas. */
    private static String text(String sse) {
        StringBuilder text = new StringBuilder();
        Matcher delta = CONTENT.matcher(sse);
        while (delta.find()) {
            text.append(delta.group(1));
        }
        return text.toString();
    }

    private record Timed(long startNanos, CompletableFuture<HttpResponse<String>> response,
            CompletableFuture<Long> ended) {

        HttpResponse<String> await() throws Exception {
            return response.get(60, TimeUnit.SECONDS);
        }

        Duration took() throws Exception {
            return Duration.ofNanos(ended.get(60, TimeUnit.SECONDS) - startNanos);
        }

        void assertWithinLimit(String which) throws Exception {
            Duration took = took();
            System.out.printf("%s: ended after %d ms%n", which, took.toMillis());
            assertTrue(took.compareTo(LIMIT) < 0, which + " took " + took.toMillis() + " ms, the limit is 15 s");
            assertTrue(took.compareTo(NOT_BEFORE) >= 0, which + " ended after " + took.toMillis()
                                                        + " ms, before the provider had its 10 s");
        }
    }
}
