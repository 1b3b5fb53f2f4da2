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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams hold no thread: the gateway, the simulator and an asynchronous client in one JVM, every pool in it of a fixed
 * size, so the JVM's live thread count is what the gateway's threading costs.
 */
@Timeout(90)
class GatewayStreamThreadsTest {

    private static final String KEY = "gk-threads-test";
    private static final int STREAMS = 1000;
    /** Threads the JVM may add over its warmed-up idle count while the streams run. */
    private static final int THREAD_MARGIN = 32;

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static String url;
    private static ExecutorService clientThreads;
    private static HttpClient http;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.tenant.threads.key", KEY);
        settings.put("gateway.requestTimeout", "60000");
        settings.put("gateway.firstTokenTimeout", "60000");
        settings.put("gateway.breaker.minimumNumberOfCalls", "100000");
        settings.put("gateway.budget.usdPerDay", "1000000");
        gateway = TestGateway.start(openai, huggingface, settings);
        url = gateway.baseUrl() + "/chat/completions";
        // why a fixed executor: the client must not add a thread per stream either
        clientThreads = Executors.newFixedThreadPool(2);
        // why HTTP/1.1: one connection per stream, as the SDKs do (Vert.x would accept an h2c upgrade)
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
        openai.close();
        huggingface.close();
        clientThreads.shutdownNow();
    }

    @Test
    void relaysAThousandConcurrentStreamsOnAFixedNumberOfThreads() throws Exception {
        // warm-up: every fixed pool (event loops, workers, the route pool, I/O reactors) reaches its size
        openai.always(Reply.answer().paced(Duration.ofMillis(5)));
        assertAllDone(streams(64, new AtomicInteger(), new AtomicInteger()));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int idle = threads.getThreadCount();
        threads.resetPeakThreadCount();
        // each stream lasts about two seconds, so the thousand overlap however slowly they start
        openai.always(Reply.answer().paced(Duration.ofMillis(400)));
        AtomicInteger open = new AtomicInteger();
        AtomicInteger mostOpen = new AtomicInteger();
        assertAllDone(streams(STREAMS, open, mostOpen));
        int peak = threads.getPeakThreadCount();
        System.out.printf("%d streams: live threads idle %d, peak %d; at most %d streams open at once%n", STREAMS, idle,
                peak, mostOpen.get());

        assertTrue(peak <= idle + THREAD_MARGIN, "live threads peaked at " + peak + " with " + STREAMS
                                                 + " streams, idle " + idle);
        // why: a gateway holding a worker per stream (64 before this consumer) would never have more open at once;
        // how many overlap beyond that depends on how fast a loaded machine starts them (400 to 700 here)
        assertTrue(mostOpen.get() >= 100, "at most " + mostOpen.get() + " streams were open at once");
    }

    @Test
    void aClientThatHangsUpAbortsTheProviderCall() throws Exception {
        // the role delta and the first word, then silence: only an abort gives the connection back
        openai.always(Reply.answer().stallAfterChunks(2));
        InferenceComponent inference = gateway.main().getCamelContext().getComponent("inference", InferenceComponent.class);
        // why: another test's calls may still be handing their connections back
        awaitNoProviderCall(inference);
        URI uri = URI.create(url);
        byte[] body = ("{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\""
                       + "word ".repeat(57).trim() + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                       + KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(
                            socket.getInputStream(),
                            StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
                // headers, then the first delta
            }
            assertTrue(line != null && line.contains("Simulated"), "no first delta: " + line);
            assertEquals(1, inference.getConnectionStats().leased());
        }
        // the connection is closed: the gateway aborts the provider call, which gives its connection back
        awaitNoProviderCall(inference);
    }

    /** Waits until no provider connection is in use; fails after 20 s (a silent provider would hold it for ever). */
    private static void awaitNoProviderCall(InferenceComponent inference) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (inference.getConnectionStats().leased() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, inference.getConnectionStats().leased(), "a provider call was left running");
    }

    private static HttpRequest request(int i) {
        return HttpRequest.newBuilder().uri(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smart\",\"stream\":true,\"messages\":"
                                                          + "[{\"role\":\"user\",\"content\":\"Say hello " + i + "\"}]}"))
                .build();
    }

    /** Starts n streams at once; counts those whose headers have arrived and whose body has not ended. */
    private static List<CompletableFuture<String>> streams(int n, AtomicInteger open, AtomicInteger mostOpen) {
        List<CompletableFuture<String>> calls = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            calls.add(http.sendAsync(request(i), info -> {
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(
                        StandardCharsets.UTF_8), body -> {
                            open.decrementAndGet();
                            return body;
                        });
            }).thenApply(HttpResponse::body));
        }
        return calls;
    }

    private static void assertAllDone(List<CompletableFuture<String>> calls) throws Exception {
        for (int i = 0; i < calls.size(); i++) {
            String body = calls.get(i).get(60, TimeUnit.SECONDS);
            assertTrue(body.contains("\"content\":\" " + i + "\""), body);
            assertTrue(body.endsWith("data: [DONE]\n\n"), body);
        }
    }
}
