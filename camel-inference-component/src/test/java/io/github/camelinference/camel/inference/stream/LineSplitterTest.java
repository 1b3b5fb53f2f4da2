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
package io.github.camelinference.camel.inference.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LineSplitterTest {

    private static final String SSE = "data: {\"a\":\"héllo ✓\"}\r\n\r\ndata: second\n: comment\n\ndata: [DONE]\n\nlast";

    /** Heap buffers (HttpClient's) and direct ones split alike, however the bytes are cut into pieces. */
    @Test
    void splitsLinesTheSameWhereverTheBytesAreCut() {
        byte[] bytes = SSE.getBytes(StandardCharsets.UTF_8);
        List<String> expected = List.of("data: {\"a\":\"héllo ✓\"}", "", "data: second", ": comment", "", "data: [DONE]",
                "", "last");
        for (int piece = 1; piece <= bytes.length; piece++) {
            assertEquals(expected, split(bytes, piece, false, 100), "heap, pieces of " + piece);
            assertEquals(expected, split(bytes, piece, true, 100), "direct, pieces of " + piece);
        }
    }

    /** A line over the limit ends the split, whether it arrives whole or in pieces; one at the limit passes. */
    @Test
    void refusesALineLongerThanTheLimit() {
        byte[] atLimit = ("x".repeat(10) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertEquals(List.of("x".repeat(10)), split(atLimit, atLimit.length, false, 10));
        byte[] over = ("x".repeat(12) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int piece : new int[] { 1, 4, over.length }) {
            for (boolean direct : new boolean[] { false, true }) {
                StreamLimitException e = assertThrows(StreamLimitException.class, () -> split(over, piece, direct, 10));
                assertEquals("a line of the event stream is longer than maxLineLength (10 bytes)", e.getMessage());
            }
        }
    }

    private static List<String> split(byte[] bytes, int piece, boolean direct, int maxLineLength) {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add, maxLineLength);
        for (int from = 0; from < bytes.length; from += piece) {
            int length = Math.min(piece, bytes.length - from);
            ByteBuffer buffer;
            if (direct) {
                buffer = ByteBuffer.allocateDirect(length);
                buffer.put(bytes, from, length).flip();
            } else {
                // a slice of a larger array, as HttpClient's buffers are: offset and limit must be honoured
                byte[] padded = new byte[length + 6];
                System.arraycopy(bytes, from, padded, 3, length);
                buffer = ByteBuffer.wrap(padded, 3, length).slice();
            }
            splitter.feed(buffer);
            assertEquals(0, buffer.remaining(), "every byte is taken");
        }
        splitter.end();
        return lines;
    }
}
