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
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
 * Each delta reaches the client as soon as the provider sends it: none waits for the next one (a first delta held until
 * the second arrives would cost a token's time on every stream's first token).
 */
@Timeout(60)
class GatewayFirstTokenTest {

    private static final String KEY = "gk-first-token-test";
    /** Far longer than any hand-over inside the gateway, even on a loaded machine. */
    private static final Duration PACE = Duration.ofMillis(1000);

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static String url;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.tenant.first.key", KEY);
        settings.put("gateway.requestTimeout", "60000");
        settings.put("gateway.firstTokenTimeout", "60000");
        settings.put("gateway.budget.usdPerDay", "1000000");
        gateway = TestGateway.start(openai, huggingface, settings);
        url = gateway.baseUrl() + "/chat/completions";
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void everyDeltaReachesTheClientBeforeTheProviderSendsTheNext() throws Exception {
        // the role delta at once, then a word a second
        openai.always(Reply.answer().paced(PACE));

        List<Long> arrivals = firstWordsArrivals(3);

        for (int i = 1; i < arrivals.size(); i++) {
            long gapMillis = TimeUnit.NANOSECONDS.toMillis(arrivals.get(i) - arrivals.get(i - 1));
            // a delta held back until the next one arrives would come with it, a few ms apart
            assertTrue(gapMillis >= PACE.toMillis() / 2, "word " + (i + 1) + " reached the client " + gapMillis
                                                         + " ms after word " + i + " (arrivals " + arrivals
                                                         + "): a word was held until the next came");
        }
    }

    /** Sends a streamed request over a raw socket and notes when each of the first words (non-empty deltas) arrives. */
    private static List<Long> firstWordsArrivals(int words) throws Exception {
        URI uri = URI.create(url);
        byte[] body = ("{\"model\":\"smart\",\"stream\":true,\"messages\":[{\"role\":\"user\","
                       + "\"content\":\"Say hello to everyone\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        List<Long> arrivals = new ArrayList<>();
        long sent;
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
                       + KEY + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            sent = System.nanoTime();
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(
                            socket.getInputStream(),
                            StandardCharsets.UTF_8));
            String line;
            while (arrivals.size() < words && (line = in.readLine()) != null) {
                if (line.startsWith("data: ") && line.contains("\"content\":\"")
                        && !line.contains("\"content\":\"\"")) {
                    arrivals.add(System.nanoTime());
                }
            }
        }
        assertEquals(words, arrivals.size(), "words received");
        System.out.printf("first word %d ms after the request (the provider sends it %d ms after the role delta)%n",
                TimeUnit.NANOSECONDS.toMillis(arrivals.get(0) - sent), PACE.toMillis());
        return arrivals;
    }
}
