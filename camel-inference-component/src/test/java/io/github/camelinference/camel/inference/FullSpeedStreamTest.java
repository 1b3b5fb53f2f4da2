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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.error.MalformedResponseException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A provider that streams 1,000-character deltas as fast as the socket takes them, in a JVM of 256 MiB (the pom runs
 * this class alone in such a JVM, in the surefire execution {@code small-heap}). Before flow control, the I/O thread
 * read such a stream at socket speed and queued it for a route that reads slower, until an OutOfMemoryError on the
 * dispatcher thread killed the component's I/O reactor and every later call failed with IOReactorShutdownException.
 */
class FullSpeedStreamTest extends SimulatorTestSupport {

    private static final long MIB = 1024 * 1024;
    /** Long enough that the route, not the simulator's own limit, ends every flood. */
    private static final Reply FLOOD = Reply.fastEndlessStream(1000, Duration.ofSeconds(60), 8L << 30);

    @Test
    void twoFullSpeedEndlessStreamsLeaveTheReactorAliveAndTheHeapWhereItWas() {
        assumeTrue(Runtime.getRuntime().maxMemory() <= 300 * MIB,
                "measured in the -Xmx256m execution (small-heap) only; this JVM has "
                                                                  + (Runtime.getRuntime().maxMemory() / MIB) + " MiB");
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // warm up: client, pools and the classes of both paths exist before the first measure
        assertAnswers();
        openai.enqueue(FLOOD);
        failure(openaiUri("stream=true&aggregateStream=true&maxAnswerChars=10000"), "hi",
                MalformedResponseException.class);
        long before = usedAfterGc(memory);

        // 1: the route reads slower than the provider sends; maxAnswerChars is far above what fits the heap, so only
        // flow control keeps the memory bounded, and the stream timeout ends the stream
        openai.enqueue(FLOOD);
        long start = System.nanoTime();
        AtomicInteger read = new AtomicInteger();
        InferenceTimeoutException timeout = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try (ChatStream stream = template.requestBody(
                    openaiUri("stream=true&maxAnswerChars=500000000&streamTimeout=3000"), "hi", ChatStream.class)) {
                return assertThrows(InferenceTimeoutException.class, () -> {
                    while (stream.hasNext()) {
                        stream.next();
                        read.incrementAndGet();
                        Thread.sleep(1); // a route step slower than the socket: at most one delta per millisecond
                    }
                });
            }
        });
        long heardAfterMillis = (System.nanoTime() - start) / 1_000_000;
        Matcher received = Pattern.compile("after (\\d+) tokens").matcher(timeout.getMessage());
        assertTrue(received.find() && timeout.getMessage().contains("streamTimeout"), timeout.getMessage());
        int fromProvider = Integer.parseInt(received.group(1));
        System.out.printf("in 3,000 ms the call took %d deltas from the provider and the route read %d; the route"
                          + " heard the stream timeout after %d ms%n",
                fromProvider, read.get(), heardAfterMillis);
        // read no faster than consumed: what the route read in 3 s, plus about two windows (64 K characters unread,
        // 64 KiB of capacity); without flow control the call took hundreds of thousands
        assertTrue(fromProvider <= 3_000 + 300, fromProvider + " deltas taken from the provider in 3 s");
        // and the route hears the timeout at once, not after working through what had piled up (a minute before)
        assertTrue(heardAfterMillis < 20_000, "the route heard the stream timeout after " + heardAfterMillis + " ms");

        // 2: nothing reads but the call itself (aggregateStream): it reads at full speed up to maxAnswerChars
        openai.enqueue(FLOOD);
        MalformedResponseException tooLong = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> failure(openaiUri("stream=true&aggregateStream=true"), "hi", MalformedResponseException.class));
        assertTrue(tooLong.getMessage().contains("maxAnswerChars (1000000"), tooLong.getMessage());

        assertAnswers();
        assertTrue(component.isHttpClientUp(), component.getHttpClientDownReason());
        assertEquals(0, component.getHttpClientRebuilds(), "the I/O reactor never lost a thread");
        long after = usedAfterGc(memory);
        System.out.printf("heap used after GC: %d KiB before, %d KiB after two full-speed endless streams"
                          + " (max heap %d MiB)%n",
                before / 1024, after / 1024,
                Runtime.getRuntime().maxMemory() / MIB);
        assertTrue(after - before < 10 * MIB, "heap grew from " + before / MIB + " MiB to " + after / MIB + " MiB");
    }

    private void assertAnswers() {
        String answer = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> template.requestBody(openaiUri(""), "Say hello", String.class));
        assertEquals("Simulated answer to: Say hello", answer);
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
