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
package io.github.camelinference.camel.inference;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;

import io.github.camelinference.camel.inference.error.MalformedResponseException;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile provider sends without end: a body, one line, an answer, an error body. Each call fails quickly with an
 * error naming the limit and its option, the heap stays flat, and the next call on the same component succeeds (the
 * HTTP client's I/O threads survive).
 */
class MemoryLimitsTest extends SimulatorTestSupport {

    private static final String KB64 = "a".repeat(64 * 1024);
    private static final String CONTENT_CHUNK = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                                                + "b".repeat(4096) + "\"}}]}\n\n";

    @Test
    void aBodyWithoutEndFailsOnMaxResponseBytes() {
        Reply endless = Reply.rawChunks("{\"id\":\"", KB64).withHeader("content-type", "application/json")
                .repeatingLast();
        assertFailsThenRecovers(endless, "", "maxResponseBytes");
    }

    @Test
    void aLineWithoutEndFailsOnMaxLineLength() {
        assertFailsThenRecovers(Reply.rawChunks("data: ", KB64).repeatingLast(), "stream=true", "maxLineLength");
    }

    @Test
    void anAnswerWithoutEndFailsOnMaxAnswerChars() {
        assertFailsThenRecovers(Reply.rawChunks(CONTENT_CHUNK).repeatingLast(), "stream=true&aggregateStream=true",
                "maxAnswerChars");
    }

    @Test
    void anAnswerWithoutEndFailsWhileTheRouteReadsIt() {
        openai.enqueue(Reply.rawChunks(CONTENT_CHUNK).repeatingLast());
        String error = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (var stream = template.requestBody(openaiUri("stream=true&maxAnswerChars=100000"), "hi",
                    io.github.camelinference.camel.inference.stream.ChatStream.class)) {
                while (stream.hasNext()) {
                    stream.next();
                }
                return "(no error)";
            } catch (MalformedResponseException e) {
                return e.getMessage();
            }
        });
        assertTrue(error.contains("maxAnswerChars (100000"), error);
        assertNextCallSucceeds("stream=true&aggregateStream=true");
    }

    @Test
    void anErrorBodyWithoutEndFailsOnMaxResponseBytes() {
        Reply endless = Reply.rawChunks("{\"error\":{\"message\":\"", KB64).withStatus(500)
                .withHeader("content-type", "application/json").repeatingLast();
        assertFailsThenRecovers(endless, "stream=true", "maxResponseBytes");
    }

    @Test
    void aPlainJsonAnswerWithoutEndToAStreamedRequestFailsOnMaxResponseBytes() {
        Reply endless = Reply.rawChunks("{\"id\":\"", KB64).withHeader("content-type", "application/json")
                .repeatingLast();
        assertFailsThenRecovers(endless, "stream=true", "maxResponseBytes");
    }

    @Test
    void aBodyAnnouncedTooLargeIsRefusedBeforeItIsRead() {
        openai.enqueue(Reply.json(200, "{\"id\":\"" + "c".repeat(2000) + "\"}"));
        MalformedResponseException e = failure(openaiUri("maxResponseBytes=1000"), "hi",
                MalformedResponseException.class);
        assertTrue(e.getMessage().contains("maxResponseBytes (1000 bytes, it announced 2009"), e.getMessage());
    }

    @Test
    void theHeapStaysFlatOverManyEndlessResponses() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        assertNextCallSucceeds(""); // warm up: client, pools and classes exist before the first measure
        long before = usedAfterGc(memory);
        for (int i = 0; i < 5; i++) {
            openai.enqueue(Reply.rawChunks(CONTENT_CHUNK).repeatingLast());
            failure(openaiUri("stream=true&aggregateStream=true"), "hi", MalformedResponseException.class);
            openai.enqueue(Reply.rawChunks("data: ", KB64).repeatingLast());
            failure(openaiUri("stream=true"), "hi", MalformedResponseException.class);
            openai.enqueue(Reply.rawChunks("{\"id\":\"", KB64).withHeader("content-type", "application/json")
                    .repeatingLast());
            failure(openaiUri(""), "hi", MalformedResponseException.class);
        }
        long after = usedAfterGc(memory);
        System.out.printf("heap used after GC: %d MiB before, %d MiB after 15 endless responses%n", before >> 20,
                after >> 20);
        assertTrue(after - before < 64L * 1024 * 1024,
                "heap grew from " + (before >> 20) + " MiB to " + (after >> 20) + " MiB");
        assertNextCallSucceeds("");
    }

    private void assertFailsThenRecovers(Reply endless, String options, String option) {
        openai.enqueue(endless);
        MalformedResponseException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> failure(openaiUri(options), "hi", MalformedResponseException.class));
        assertTrue(e.getMessage().contains(option), e.getMessage());
        assertTrue(e.getMessage().length() < 1000, "a short message: " + e.getMessage().length() + " characters");
        assertNextCallSucceeds(options.contains("stream") ? "stream=true&aggregateStream=true" : "");
    }

    private void assertNextCallSucceeds(String options) {
        String answer = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> template.requestBody(openaiUri(options), "Say hello", String.class));
        assertTrue(answer != null && !answer.isEmpty());
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        assertEquals(0, component.getConnectionStats().pending());
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
