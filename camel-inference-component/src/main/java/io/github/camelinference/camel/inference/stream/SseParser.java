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

import java.util.function.Consumer;

/**
 * Server-sent events, line by line, as providers really send them: {@code data:} with or without a space, comment lines
 * ({@code : keep-alive}) skipped, multi-line data joined, an unterminated last event still delivered at the end. Knows
 * nothing of HTTP or JSON; fed by whatever reads the lines.
 */
public final class SseParser {

    private final Consumer<String> onData;
    private final int maxEventLength;
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;

    /**
     * @param onData         receives each event's data, once the event is complete
     * @param maxEventLength the most characters of data one event may gather over its lines
     */
    public SseParser(Consumer<String> onData, int maxEventLength) {
        this.onData = onData;
        this.maxEventLength = maxEventLength;
    }

    public void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        if (!"data".equals(field)) {
            return; // event, id and retry fields carry nothing chat completions use
        }
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (data.length() + value.length() > maxEventLength) {
            data.setLength(0);
            hasData = false;
            throw new StreamLimitException(
                    "an event of the event stream is longer than maxLineLength ("
                                           + maxEventLength + ")");
        }
        if (hasData) {
            data.append('\n');
        }
        data.append(value);
        hasData = true;
    }

    /** Drops a partial event and gives its buffer back: nothing more comes. */
    public void release() {
        data.setLength(0);
        data.trimToSize();
        hasData = false;
    }

    /** Delivers an event the server did not end with a blank line. */
    public void end() {
        dispatch();
    }

    private void dispatch() {
        if (hasData) {
            String event = data.toString();
            data.setLength(0);
            hasData = false;
            onData.accept(event);
        }
    }
}
