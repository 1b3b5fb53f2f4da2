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
package io.github.camelinference.camel.inference.chat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.stream.StreamAccumulator;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tool calls read from any server come out in OpenAI's shape ({@code id}, {@code type: "function"},
 * {@code function.name}, {@code function.arguments} as a string), the same whether the answer was streamed or not, and
 * go back to a provider in that shape.
 */
class ChatWireFormatTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ChatWireFormat wire = new ChatWireFormat(MAPPER);

    private JsonNode callsOf(String toolCallsJson) throws IOException {
        return wire.readResponse(MAPPER.readTree("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                                 + "\"tool_calls\":" + toolCallsJson + "},\"finish_reason\":"
                                                 + "\"tool_calls\"}]}"))
                .toolCalls();
    }

    private static JsonNode openAiShape(String id, String name, String arguments) {
        var call = MAPPER.createObjectNode().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return MAPPER.createArrayNode().add(call);
    }

    @Test
    void anAnswerKeepsTheBytesItWasReadFromAndEqualsOneReadWithoutThem() throws IOException {
        byte[] bytes = ("{\"id\":\"a1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                        + "\"assistant\",\"content\":\"hi\"},\"finish_reason\":\"stop\"}]}")
                .getBytes(StandardCharsets.UTF_8);

        ChatResponse kept = wire.readResponse(wire.readTree(bytes), bytes);
        ChatResponse notKept = wire.readResponse(wire.readTree(bytes));

        assertSame(bytes, kept.rawBytes()); // what a relay writes on, as received
        assertNull(notKept.rawBytes());
        assertEquals(notKept, kept);
        assertEquals(notKept.hashCode(), kept.hashCode());
        assertNotEquals(notKept, wire.readResponse(wire.readTree(new String(bytes, StandardCharsets.UTF_8)
                .replace("hi", "ho").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void argumentsSentAsAnObjectAreReadAsTheirJsonText() throws IOException {
        JsonNode calls = callsOf("[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"lookup_order\","
                                 + "\"arguments\":{\"order_id\":\"42\",\"items\":[1,2]}}}]");

        assertEquals(openAiShape("c1", "lookup_order", "{\"order_id\":\"42\",\"items\":[1,2]}"), calls);
        assertTrue(calls.get(0).at("/function/arguments").isTextual());
    }

    @Test
    void aMistralCallWithoutTypeGetsTypeFunction() throws IOException {
        JsonNode calls = callsOf("[{\"id\":\"D681PevKs\",\"function\":{\"name\":\"lookup_order\","
                                 + "\"arguments\":\"{\\\"order_id\\\": \\\"42\\\"}\"}}]");

        assertEquals(openAiShape("D681PevKs", "lookup_order", "{\"order_id\": \"42\"}"), calls);
    }

    @Test
    void aDeepSeekCallLosesItsExtraIndex() throws IOException {
        JsonNode calls = callsOf("[{\"index\":0,\"id\":\"call_0_5c1d\",\"type\":\"function\",\"function\":{\"name\":"
                                 + "\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"42\\\"}\"}}]");

        assertEquals(openAiShape("call_0_5c1d", "lookup_order", "{\"order_id\":\"42\"}"), calls);
    }

    @Test
    void aCallWithoutArgumentsOrIdGetsOpenAisDefaults() throws IOException {
        JsonNode calls = callsOf("[{\"function\":{\"name\":\"now\"}},{\"id\":\"\",\"function\":{\"name\":\"today\","
                                 + "\"arguments\":\"\"}},{\"id\":\"c3\",\"function\":{\"name\":\"later\","
                                 + "\"arguments\":null}}]");

        assertEquals(3, calls.size());
        assertEquals(List.of("call_0", "call_1", "c3"), List.of(calls.get(0).get("id").asText(),
                calls.get(1).get("id").asText(), calls.get(2).get("id").asText()));
        for (JsonNode call : calls) {
            assertEquals("{}", call.at("/function/arguments").asText(), call.toString());
        }
    }

    @Test
    void entriesThatAreNotCallsAreDroppedAndNoneLeftIsNoToolCalls() throws IOException {
        assertNull(callsOf("[]"));
        assertNull(callsOf("[\"junk\", 3]"));
        assertEquals(1, callsOf("[\"junk\", {\"id\":\"c1\",\"function\":{\"name\":\"f\"}}]").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mistral_tool_call_no_type", "deepseek_tool_call_index",
            "llamacpp_tool_call_object_arguments", "openai_parallel_tool_calls", "groq_tool_call_no_content_no_index",
            "deepseek_tool_call_empty_content" })
    void theSameCallsStreamedOrNotAreEqualAndInOpenAisShape(String fixture) throws IOException {
        JsonNode plain = wire.readResponse(MAPPER.readTree(quirk(fixture + ".json"))).toolCalls();
        StreamAccumulator stream = new StreamAccumulator(wire);
        for (String data : dataLines(quirk(fixture + ".sse"))) {
            stream.accept(MAPPER.readTree(data));
        }

        assertEquals(plain, stream.toResponse().toolCalls());
        for (JsonNode call : plain) {
            assertEquals(List.of("id", "type", "function"), fieldNames(call), call.toString());
            assertEquals(List.of("name", "arguments"), fieldNames(call.get("function")), call.toString());
            assertEquals("function", call.get("type").asText());
            assertTrue(call.at("/function/arguments").isTextual(), call.toString());
            MAPPER.readTree(call.at("/function/arguments").asText()); // JSON text a tool can read
        }
    }

    @Test
    void aStreamedFragmentOpeningAMistralCallSaysItsTypeAndAnObjectArrivesAsJsonText() throws IOException {
        StreamAccumulator stream = new StreamAccumulator(wire);

        stream.accept(MAPPER.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"D681PevKs\","
                                      + "\"function\":{\"name\":\"lookup_order\",\"arguments\":{\"order_id\":\"42\"}},"
                                      + "\"index\":0}]}}]}"));

        assertEquals(List.of(new ToolCallDelta(0, "D681PevKs", "function", "lookup_order", "{\"order_id\":\"42\"}")),
                stream.toolCallDeltas());
    }

    @Test
    void aStreamedCallWithoutIdGetsTheIdItsAssembledCallGets() throws IOException {
        StreamAccumulator stream = new StreamAccumulator(wire);

        stream.accept(MAPPER.readTree("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                      + "\"function\":{\"name\":\"now\"}}]}}]}"));
        List<ToolCallDelta> opening = stream.toolCallDeltas();
        stream.accept(MAPPER.readTree("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}"));

        assertEquals(List.of(new ToolCallDelta(0, "call_0", "function", "now", "")), opening);
        assertEquals(openAiShape("call_0", "now", "{}"), stream.toResponse().toolCalls());
    }

    @Test
    void toolCallsSentBackToTheProviderAreInOpenAisShape() throws IOException {
        JsonNode mistralAndObjectArguments = MAPPER.readTree("[{\"id\":\"D681PevKs\",\"index\":0,\"function\":"
                                                             + "{\"name\":\"lookup_order\",\"arguments\":"
                                                             + "{\"order_id\":\"42\"}}}]");
        ChatParameters parameters = new ChatParameters(
                "m", List.of(ChatMessage.user("Where is order 42?"),
                        ChatMessage.assistantToolCalls(null, mistralAndObjectArguments),
                        ChatMessage.toolResult("D681PevKs", "{\"status\":\"shipped\"}")),
                null, null, null, null, null, null,
                null, null, null, false, false, Map.of(), List.of());

        JsonNode sent = MAPPER.readTree(wire.writeRequest(ProviderType.OPENAI, parameters));

        assertEquals(openAiShape("D681PevKs", "lookup_order", "{\"order_id\":\"42\"}"),
                sent.at("/messages/1/tool_calls"));
    }

    @Test
    void toolCallsThatAreNotAnArrayAreRefusedWithWhatTheyWere() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChatMessage.assistantToolCalls(null, MAPPER.createObjectNode().put("id", "c1")));

        assertTrue(e.getMessage().contains("must be a JSON array") && e.getMessage().contains("OBJECT"),
                e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> dataLines(String sse) {
        List<String> data = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data:") && !line.contains("[DONE]")) {
                data.add(line.substring(5).strip());
            }
        }
        return data;
    }

    private static String quirk(String name) throws IOException {
        try (InputStream in = ChatWireFormatTest.class.getResourceAsStream("/fixtures/quirks/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
