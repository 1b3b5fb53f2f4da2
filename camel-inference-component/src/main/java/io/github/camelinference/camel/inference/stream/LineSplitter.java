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
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Splits a UTF-8 byte stream into lines as the bytes arrive, handing each line on as soon as its {@code \n} is seen
 * ({@code \r\n} accepted). The JDK's line subscriber holds a line back until more data follows, which would delay every
 * token of a stream by one chunk; this one does not. Splitting on the byte 0x0A is safe in UTF-8, where it never occurs
 * inside a multi-byte character. A line longer than the limit ends the split with a {@link StreamLimitException}, so a
 * server sending one endless line cannot fill the heap.
 */
public final class LineSplitter {

    private final Consumer<String> onLine;
    private final int maxLineLength;
    private byte[] pending = new byte[256];
    private int length;

    /** @param maxLineLength the longest line accepted, in bytes (line break excluded) */
    public LineSplitter(Consumer<String> onLine, int maxLineLength) {
        this.onLine = onLine;
        this.maxLineLength = maxLineLength;
    }

    public void feed(ByteBuffer bytes) {
        if (bytes.hasArray()) {
            feedArray(bytes);
            return;
        }
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == '\n') {
                int end = length > 0 && pending[length - 1] == '\r' ? length - 1 : length;
                String line = new String(pending, 0, end, StandardCharsets.UTF_8);
                length = 0;
                onLine.accept(line);
            } else {
                if (length >= maxLineLength + 1) { // one more for a '\r' before the '\n'
                    tooLong();
                }
                if (length == pending.length) {
                    grow(length + 1);
                }
                pending[length++] = b;
            }
        }
    }

    /**
     * The same split over a heap buffer's array (how HttpClient hands on what it read): a line that arrived whole
     * becomes its String straight from the array, without a byte-by-byte copy into {@link #pending}.
     */
    private void feedArray(ByteBuffer bytes) {
        byte[] array = bytes.array();
        int offset = bytes.arrayOffset();
        int from = offset + bytes.position();
        int limit = offset + bytes.limit();
        while (from < limit) {
            int newline = from;
            while (newline < limit && array[newline] != '\n') {
                newline++;
            }
            int count = newline - from;
            if (length + count > maxLineLength + 1) { // one more for a '\r' before the '\n'
                bytes.position(bytes.limit());
                tooLong();
            }
            if (newline == limit) { // no line break yet: keep the start of the line
                if (length + count > pending.length) {
                    grow(length + count);
                }
                System.arraycopy(array, from, pending, length, count);
                length += count;
                break;
            }
            String line;
            if (length == 0) {
                int end = count > 0 && array[newline - 1] == '\r' ? newline - 1 : newline;
                line = new String(array, from, end - from, StandardCharsets.UTF_8);
            } else {
                if (length + count > pending.length) {
                    grow(length + count);
                }
                System.arraycopy(array, from, pending, length, count);
                length += count;
                int end = pending[length - 1] == '\r' ? length - 1 : length;
                line = new String(pending, 0, end, StandardCharsets.UTF_8);
                length = 0;
            }
            from = newline + 1;
            bytes.position(from - offset);
            onLine.accept(line);
        }
        bytes.position(bytes.limit());
    }

    private void tooLong() {
        length = 0;
        throw new StreamLimitException(
                "a line of the event stream is longer than maxLineLength (" + maxLineLength + " bytes)");
    }

    /** Room for {@code needed} bytes of a line, doubling, never past the limit (plus its '\r'). */
    private void grow(int needed) {
        long size = Math.max(256L, (long) pending.length * 2);
        pending = Arrays.copyOf(pending, (int) Math.min(Math.max(size, needed), maxLineLength + 1L));
    }

    /** Drops a partial line and gives its buffer back (it may have grown to maxLineLength): nothing more comes. */
    public void release() {
        length = 0;
        pending = new byte[0];
    }

    /** Hands on a last line that had no line break. */
    public void end() {
        if (length > 0) {
            String line = new String(pending, 0, length, StandardCharsets.UTF_8);
            length = 0;
            onLine.accept(line);
        }
    }
}
