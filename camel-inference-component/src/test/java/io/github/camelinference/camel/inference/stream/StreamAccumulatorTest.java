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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.MessageText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamed tool calls, fragment by fragment, as the provider families send them: each stream fixture must assemble to
 * exactly what the same answer gives unstreamed. And the rest of what real servers do with a stream's chunks: usage
 * anywhere or nowhere, finish reasons that come and go, reasoning beside the text.
 */
class StreamAccumulatorTest {

    private final ChatWireFormat wire = new ChatWireFormat(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {
            "openai_parallel_tool_calls", "deepseek_tool_call_empty_content",
            "groq_tool_call_no_content_no_index" })
    void toolCallFragmentsAssembleToTheUnstreamedToolCalls(String fixture) throws IOException {
        ChatResponse plain = wire.readResponse(wire.readTree(fixture(fixture + ".json")));

        ChatResponse streamed = stream(fixture(fixture + ".sse"));

        assertEquals(plain.toolCalls(), streamed.toolCalls());
        assertEquals(plain.choices(), streamed.choices());
        assertEquals("tool_calls", streamed.finishReason());
        assertNull(streamed.text(), "no text: null, as unstreamed, whether content was \"\", null or absent");
    }

    @ParameterizedTest
    @ValueSource(strings = { "openai_parallel_tool_calls" })
    void twoCallsInterleavedKeepTheirOwnIdsNamesAndArguments(String fixture) throws IOException {
        ChatResponse streamed = stream(fixture(fixture + ".sse"));

        JsonNode calls = streamed.toolCalls();
        assertEquals(2, calls.size());
        assertEquals("call_a", calls.get(0).get("id").asText());
        assertEquals("{\"order_id\":\"42\"}", calls.get(0).at("/function/arguments").asText());
        assertEquals("call_b", calls.get(1).get("id").asText());
        assertEquals("lookup_order", calls.get(1).at("/function/name").asText());
        assertEquals("{\"order_id\":\"43\"}", calls.get(1).at("/function/arguments").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\","
                             + "\"arguments\":\"{}\"}},{\"id\":\"b\",\"function\":{\"name\":\"g\","
                             + "\"arguments\":\"{}\"}}]}}]}" })
    void fragmentsWithoutIndexButWithNewIdsOpenNewCalls(String chunk) throws IOException {
        StreamAccumulator accumulator = new StreamAccumulator(wire);

        accumulator.accept(wire.readTree(chunk));

        JsonNode calls = accumulator.toResponse().toolCalls();
        assertEquals(List.of("a:f", "b:g"), List.of(calls.get(0).get("id").asText() + ":"
                                                    + calls.get(0).at("/function/name").asText(),
                calls.get(1).get("id").asText() + ":" + calls.get(1).at("/function/name").asText()));
    }

    private ChatResponse stream(String sse) throws IOException {
        StreamAccumulator accumulator = new StreamAccumulator(wire);
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add, 1 << 20);
        sse.lines().forEach(parser::line);
        parser.end();
        for (String event : events) {
            if (!"[DONE]".equals(event)) {
                accumulator.accept(wire.readTree(event));
            }
        }
        return accumulator.toResponse();
    }

    private static String fixture(String name) {
        try (InputStream in = StreamAccumulatorTest.class.getResourceAsStream("/fixtures/quirks/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void usageInEveryChunkIsARunningTotalAndTheLastWins() {
        ChatResponse response = accumulate(
                "{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}",
                "{\"choices\":[{\"delta\":{\"content\":\"lo\"}}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}")
                .toResponse();

        assertEquals("Hello", response.text());
        assertEquals(2, response.usage().completionTokens());
    }

    @Test
    void usageInAFinalChunkWithoutChoicesIsKept() {
        StreamAccumulator stream = accumulate(
                "{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}");

        assertEquals(4, stream.toResponse().usage().totalTokens());
        assertEquals("stop", stream.toResponse().finishReason());
    }

    @Test
    void aNullFinishReasonOnTheLastChunkKeepsTheOneBefore() {
        StreamAccumulator stream = accumulate(
                "{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"length\"}]}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":null}]}");

        assertTrue(stream.finished());
        assertEquals("length", stream.toResponse().finishReason());
    }

    @Test
    void aStreamWithoutAFinishReasonIsNotFinished() {
        StreamAccumulator stream = accumulate("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}");

        assertFalse(stream.finished(), "a stream cut before its end must not read as a whole answer");
        assertTrue(stream.sawAnyChoice());
    }

    @Test
    void reasoningIsJoinedApartFromTheText() {
        StreamAccumulator stream = new StreamAccumulator(wire);
        MessageText first = stream.accept(json("{\"choices\":[{\"delta\":{\"reasoning_content\":\"Think\"}}]}"));
        stream.accept(json("{\"choices\":[{\"delta\":{\"reasoning_content\":\"ing.\"}}]}"));
        stream.accept(json("{\"choices\":[{\"delta\":{\"content\":\"42\"}}]}"));

        assertEquals("Think", first.reasoning());
        assertNull(first.content());
        assertEquals("42", stream.toResponse().text());
        assertEquals("Thinking.", stream.toResponse().reasoning());
    }

    @Test
    void theIdAndModelComeFromTheFirstChunkThatNamesThem() {
        StreamAccumulator stream = accumulate(
                "{\"id\":\"\",\"choices\":[]}",
                "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-5-mini-2025-08-07\",\"choices\":[]}",
                "{\"id\":\"chatcmpl-2\",\"model\":\"other\",\"choices\":[]}");

        assertEquals("chatcmpl-1", stream.id());
        assertEquals("gpt-5-mini-2025-08-07", stream.model());
        assertFalse(stream.sawAnyChoice());
    }

    @Test
    void theSizeCountsEverythingTheStreamMakesItHold() {
        StreamAccumulator stream = accumulate(
                "{\"choices\":[{\"delta\":{\"reasoning_content\":\"abc\"}}]}",
                "{\"choices\":[{\"delta\":{\"content\":\"de\"}}]}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\","
                                                                    + "\"arguments\":\"{}\"}}]}}]}");

        assertEquals(3 + 2 + 2, stream.size(), "reasoning, text and tool-call arguments");
    }

    private StreamAccumulator accumulate(String... chunks) {
        StreamAccumulator stream = new StreamAccumulator(wire);
        for (String chunk : chunks) {
            stream.accept(json(chunk));
        }
        return stream;
    }

    private JsonNode json(String text) {
        try {
            return wire.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
