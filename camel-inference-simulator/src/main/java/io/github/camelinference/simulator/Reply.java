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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator does with one request: a canned body, an SSE stream, the deterministic default answer, or a fault.
 * Immutable; the {@code with…} methods return a changed copy so a script reads as one expression, e.g.
 * {@code Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3)}.
 */
public final class Reply {

    /** How the exchange with the client ends. */
    enum Kind {
        /** A status, headers and a fixed body. */
        BODY,
        /** A chunked {@code text/event-stream} written chunk by chunk. */
        STREAM,
        /** The simulator's deterministic answer to the prompt, as JSON or SSE depending on the request. */
        ANSWER,
        /** A call of one function tool, as JSON or SSE (fragments, as OpenAI streams them) depending on the request. */
        TOOL_CALL,
        /** The connection is reset before any byte of a response is sent. */
        RESET,
        /** Nothing is ever sent; the connection stays open until the client gives up. */
        STALL
    }

    final Kind kind;
    final int status;
    final Map<String, String> headers;
    final byte[] body;
    final List<String> chunks;
    final long delayMillis;
    /** Extra delay drawn uniformly from [0, jitter] per request, for latency that varies like a real service's. */
    final long jitterMillis;
    final long paceMillis;
    /** After this many chunks the connection is closed without the terminating chunk; -1 for never. */
    final int cutAfterChunks;
    /** After this many chunks nothing more is sent; -1 for never. */
    final int stallAfterChunks;
    /** The last chunk is sent again and again until the client goes away: a body without end. */
    final boolean repeatLast;
    /** The share of requests (0 to 1) that wait {@link #slowMillis} instead of the usual delay. */
    final double slowFraction;
    final long slowMillis;
    /** For {@link Kind#TOOL_CALL}: the function called and its JSON arguments; null otherwise. */
    final String toolName;
    final String toolArguments;
    /** For {@link Kind#TOOL_CALL}: the server whose shape of tool call to send. */
    final ToolCallShape toolShape;
    /** For an answer a content filter stops: the category it filtered and the severity; null otherwise. */
    final String filterCategory;
    final String filterSeverity;
    /** For a flood ({@link #asFastAsTheSocketTakes}): its longest time and most bytes; 0 when not flooding. */
    final long floodMillis;
    final long floodBytes;

    private Reply(Kind kind, int status, Map<String, String> headers, byte[] body, List<String> chunks,
                  long delayMillis, long jitterMillis, long paceMillis, int cutAfterChunks, int stallAfterChunks,
                  boolean repeatLast, double slowFraction, long slowMillis, String toolName, String toolArguments,
                  ToolCallShape toolShape, String filterCategory, String filterSeverity, long floodMillis,
                  long floodBytes) {
        this.kind = kind;
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.body = body;
        this.chunks = chunks == null ? List.of() : List.copyOf(chunks);
        this.delayMillis = delayMillis;
        this.jitterMillis = jitterMillis;
        this.paceMillis = paceMillis;
        this.cutAfterChunks = cutAfterChunks;
        this.stallAfterChunks = stallAfterChunks;
        this.repeatLast = repeatLast;
        this.slowFraction = slowFraction;
        this.slowMillis = slowMillis;
        this.toolName = toolName;
        this.toolArguments = toolArguments;
        this.toolShape = toolShape;
        this.filterCategory = filterCategory;
        this.filterSeverity = filterSeverity;
        this.floodMillis = floodMillis;
        this.floodBytes = floodBytes;
    }

    private static Reply of(Kind kind, int status, String contentType, byte[] body, List<String> chunks) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (contentType != null) {
            headers.put("content-type", contentType);
        }
        return new Reply(
                kind, status, headers, body, chunks, 0, 0, 0, -1, -1, false, 0, 0, null, null,
                ToolCallShape.OPENAI, null, null, 0, 0);
    }

    /** The deterministic answer to the request's last user message, streamed when the request asks for it. */
    public static Reply answer() {
        return of(Kind.ANSWER, 200, null, null, null);
    }

    /**
     * The model calls the function {@code name} with these JSON arguments: a {@code chat.completion} with one tool call
     * and finish reason {@code tool_calls}, or, when the request asks for a stream, the chunks OpenAI sends for it: the
     * first names the call (index, id, type, name, empty arguments), the next ones carry the arguments a few characters
     * at a time, then the finish chunk, the usage chunk when asked for, and {@code [DONE]}.
     */
    public static Reply toolCall(String name, String argumentsJson) {
        return new Reply(
                Kind.TOOL_CALL, 200, new LinkedHashMap<>(), null, null, 0, 0, 0, -1, -1, false, 0, 0, name,
                argumentsJson, ToolCallShape.OPENAI, null, null, 0, 0);
    }

    /**
     * The same tool call in another server's shape (arguments as an object, Mistral's without {@code type}, DeepSeek's
     * with {@code index}), JSON or streamed.
     */
    public Reply shaped(ToolCallShape shape) {
        if (kind != Kind.TOOL_CALL) {
            throw new IllegalStateException("only a toolCall reply has a tool-call shape, not " + this);
        }
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments, shape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /**
     * Azure OpenAI's content filter stops the answer: as JSON, no content and finish reason {@code content_filter}; as
     * a stream, the first half of the answer, then a chunk with finish reason {@code content_filter}. Either way the
     * answer's {@code content_filter_results} mark the category filtered at this severity ({@code low}, {@code medium},
     * {@code high}).
     */
    public static Reply contentFilteredAnswer(String category, String severity) {
        return new Reply(
                Kind.ANSWER, 200, new LinkedHashMap<>(), null, null, 0, 0, 0, -1, -1, false, 0, 0, null,
                null, ToolCallShape.OPENAI, category, severity, 0, 0);
    }

    /**
     * Azure OpenAI's content filter refuses the prompt: a 400 with code {@code content_filter}, inner error
     * {@code ResponsibleAIPolicyViolation}, and a {@code content_filter_result} marking the category filtered at this
     * severity (the other categories safe).
     */
    public static Reply contentFilteredPrompt(String category, String severity) {
        return json(400, "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure"
                         + " OpenAI's content management policy. Please modify your prompt and retry. To learn more about our"
                         + " content filtering policies please read our documentation:"
                         + " https://go.microsoft.com/fwlink/?linkid=2198766\",\"type\":null,\"param\":\"prompt\","
                         + "\"code\":\"content_filter\",\"status\":400,\"innererror\":{\"code\":"
                         + "\"ResponsibleAIPolicyViolation\",\"content_filter_result\":"
                         + DefaultAnswer.contentFilterResults(category, severity) + "}}}");
    }

    /**
     * Azure OpenAI's 429: its error body, {@code retry-after} (whole seconds, rounded up) and {@code retry-after-ms},
     * and {@code x-ratelimit-remaining-requests: 0}.
     */
    public static Reply azureRateLimited(Duration retryAfter) {
        long millis = retryAfter.toMillis();
        return json(429, "{\"error\":{\"code\":\"429\",\"message\":\"Requests to the ChatCompletions_Create"
                         + " Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current"
                         + " OpenAI S0 pricing tier. Please retry after " + (millis + 999) / 1000 + " second"
                         + ((millis + 999) / 1000 == 1 ? "" : "s") + ".\"}}")
                .withHeader("retry-after", String.valueOf((millis + 999) / 1000))
                .withHeader("retry-after-ms", String.valueOf(millis))
                .withHeader("x-ratelimit-remaining-requests", "0")
                .withHeader("x-ratelimit-remaining-tokens", "0");
    }

    /** A JSON body with the given status. */
    public static Reply json(int status, String json) {
        return of(Kind.BODY, status, "application/json", json.getBytes(StandardCharsets.UTF_8), null);
    }

    /**
     * A content filter's refusal of the prompt, as Azure OpenAI sends it: HTTP 400, code {@code content_filter}, and
     * {@code innererror.content_filter_result} with the given category (hate, sexual, violence, self_harm…) filtered at
     * severity high and the others safe.
     */
    public static Reply contentFiltered(String category) {
        return contentFilteredPrompt(category, "high");
    }

    /** A plain-text body with the given status (some gateways answer errors this way). */
    public static Reply text(int status, String text) {
        return of(Kind.BODY, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A raw SSE body (as recorded), sent one event per chunk; events are separated by blank lines. */
    public static Reply sse(String rawEventStream) {
        List<String> events = new ArrayList<>();
        for (String event : rawEventStream.replace("\r\n", "\n").split("\n\n")) {
            if (!event.isBlank()) {
                events.add(event.strip() + "\n\n");
            }
        }
        return of(Kind.STREAM, 200, "text/event-stream; charset=utf-8", null, events);
    }

    /** An SSE body made of {@code data: <payload>} events, one per chunk, sent exactly as given. */
    public static Reply sseData(String... payloads) {
        List<String> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add("data: " + payload + "\n\n");
        }
        return of(Kind.STREAM, 200, "text/event-stream; charset=utf-8", null, events);
    }

    /**
     * A chunked body whose chunks are sent exactly as given (for quirks such as comments or {@code data:} without
     * space).
     */
    public static Reply rawChunks(String... chunks) {
        return of(Kind.STREAM, 200, "text/event-stream; charset=utf-8", null, List.of(chunks));
    }

    /** The connection is reset (TCP RST) before a response is sent. */
    public static Reply reset() {
        return of(Kind.RESET, 0, null, null, null);
    }

    /** The request is accepted and never answered. */
    public static Reply stall() {
        return of(Kind.STALL, 0, null, null, null);
    }

    public Reply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(java.util.Locale.ROOT), value);
        return new Reply(
                kind, status, copy, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** The same reply with another HTTP status (an error body sent as a stream, say). */
    public Reply withStatus(int code) {
        return new Reply(
                kind, code, headers, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** Waits this long before the status line is sent. */
    public Reply delayed(Duration delay) {
        return new Reply(
                kind, status, headers, body, chunks, delay.toMillis(), jitterMillis, paceMillis,
                cutAfterChunks, stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments,
                toolShape, filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** Waits between {@code min} and {@code max} (uniformly drawn per request) before the status line is sent. */
    public Reply delayedBetween(Duration min, Duration max) {
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max " + max + " is below min " + min);
        }
        return new Reply(
                kind, status, headers, body, chunks, min.toMillis(), max.minus(min).toMillis(), paceMillis,
                cutAfterChunks, stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments,
                toolShape, filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** Waits this long between two chunks of a stream. */
    public Reply paced(Duration pace) {
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, pace.toMillis(),
                cutAfterChunks, stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments,
                toolShape, filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** Sends this many chunks, then drops the connection mid-stream. */
    public Reply cutAfterChunks(int count) {
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, paceMillis, count,
                stallAfterChunks, repeatLast, slowFraction, slowMillis, toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /** Sends this many chunks, then goes silent with the connection open. */
    public Reply stallAfterChunks(int count) {
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                count, repeatLast, slowFraction, slowMillis, toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /**
     * Sends the chunks, then the last one again and again until the client closes the connection: a stream or a body
     * without end, for testing a client's limits. Each chunk is written once the previous one has left, so the
     * simulator's own memory stays flat however long it runs.
     */
    public Reply repeatingLast() {
        if (chunks.isEmpty()) {
            throw new IllegalStateException("repeatingLast needs chunks (rawChunks, sse or sseData)");
        }
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                stallAfterChunks, true, slowFraction, slowMillis, toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    /**
     * Sends the chunks, then the last one again and again, batch after batch, as fast as the client's socket takes them
     * (no pause between chunks, only TCP's own flow control): a hostile provider that floods a client. It always stops,
     * after {@code limit} or {@code maxBytes}, whichever comes first, by closing the connection without the terminating
     * chunk. The simulator's own memory stays flat: a batch is written only once the last has left.
     */
    public Reply asFastAsTheSocketTakes(Duration limit, long maxBytes) {
        if (chunks.isEmpty() || limit.isZero() || limit.isNegative() || maxBytes <= 0) {
            throw new IllegalArgumentException("a flood needs chunks, a positive time limit and a positive byte limit");
        }
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, 0, cutAfterChunks,
                stallAfterChunks, true, slowFraction, slowMillis, toolName, toolArguments, toolShape, filterCategory,
                filterSeverity, limit.toMillis(), maxBytes);
    }

    /**
     * A streamed answer without end, at full speed: a first chunk with the assistant role, then chunks of
     * {@code deltaChars} characters of content each, with no finish reason, as fast as the client's socket takes them,
     * for at most {@code limit} or {@code maxBytes} (see {@link #asFastAsTheSocketTakes}).
     */
    public static Reply fastEndlessStream(int deltaChars, Duration limit, long maxBytes) {
        String head = "data: {\"id\":\"chatcmpl-flood\",\"object\":\"chat.completion.chunk\",\"model\":\"flood\","
                      + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
        String delta = "data: {\"id\":\"chatcmpl-flood\",\"object\":\"chat.completion.chunk\",\"model\":\"flood\","
                       + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(deltaChars) + "\"}}]}\n\n";
        return rawChunks(head, delta).asFastAsTheSocketTakes(limit, maxBytes);
    }

    /**
     * Makes a random share of requests slow: each one, with probability {@code fraction}, waits {@code slow} before its
     * status line instead of the usual delay (a provider whose tail latency is long, for hedging benchmarks).
     */
    public Reply sometimesDelayed(double fraction, Duration slow) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("the slow fraction must be between 0 and 1, was " + fraction);
        }
        return new Reply(
                kind, status, headers, body, chunks, delayMillis, jitterMillis, paceMillis, cutAfterChunks,
                stallAfterChunks, repeatLast, fraction, slow.toMillis(), toolName, toolArguments, toolShape,
                filterCategory, filterSeverity, floodMillis, floodBytes);
    }

    @Override
    public String toString() {
        return "Reply[" + kind + (status > 0 ? " " + status : "") + "]";
    }
}
