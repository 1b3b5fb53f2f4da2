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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Streamed tool calls, fragment by fragment, as the provider families send them: each stream fixture must assemble to
 * exactly what the same answer gives unstreamed.
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
        SseParser parser = new SseParser(events::add);
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
}
