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
package io.github.camelinference.simulator;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream cut mid-way must still hand a slow client every chunk written before the cut: tests of stream continuation
 * count on those words, and on a busy machine the client may read them long after the cut.
 */
class CutStreamTest {

    @Test
    void aClientThatReadsLateStillGetsTheChunksWrittenBeforeTheCutThenTheEnd() throws Exception {
        try (ProviderSimulator simulator = ProviderSimulator.start(Flavour.OPENAI);
             Socket socket = new Socket()) {
            simulator.always(Reply.answer().cutAfterChunks(3));
            socket.connect(new InetSocketAddress("127.0.0.1", simulator.port()), 5_000);
            socket.setSoTimeout(10_000);
            byte[] body = "{\"model\":\"gpt-5-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                       + "Authorization: Bearer sk-test\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();

            Thread.sleep(500); // the cut happens while the client is not reading

            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                received.write(buffer, 0, n);
            }
            String text = received.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 200"), text);
            assertTrue(text.contains("\"role\":\"assistant\"") && text.contains("Simulated") && text.contains(" answer"),
                    "the chunks written before the cut arrive: " + text);
            assertFalse(text.contains("[DONE]") || text.endsWith("0\r\n\r\n"), "the stream is cut: " + text);
        }
    }
}
