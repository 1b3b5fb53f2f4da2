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

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools with {@code stream=true}: in auto mode the tool routes run when a round's stream ends with tool calls and the
 * next round streams on; in manual mode the body is the tool calls.
 */
class StreamedToolsTest extends SimulatorTestSupport {

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    private final List<String> toolInputs = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder")
                        .process(e -> toolInputs.add(e.getMessage().getBody(String.class)))
                        .setBody(simple("{\"status\":\"shipped\",\"call\":${body}}"));
                from("direct:split")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> received.add(e.getMessage().getBody(String.class)))
                        .end();
            }
        };
    }

    private static Reply sse(String name) {
        return Reply.sse(SimulatorTestSupport.fixture("quirks/" + name + ".sse"));
    }

    private static Reply answerStream() {
        return Reply.sseData("{\"id\":\"c-2\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}",
                "{\"id\":\"c-2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Both orders\"}}]}",
                "{\"id\":\"c-2\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" shipped.\"},"
                                                                                                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":4,"
                                                                                                        + "\"total_tokens\":64}}",
                "[DONE]");
    }

    @ParameterizedTest
    @ValueSource(strings = { "stream=true", "stream=true&aggregateStream=true" })
    void inAutoModeTheToolsRunWhenARoundsStreamEndsWithToolCallsAndTheNextRoundStreamsOn(String streaming) {
        openai.enqueue(sse("openai_parallel_tool_calls"), answerStream());
        String uri = openaiUri(streaming + "&tools=lookupOrder");

        Exchange result = streaming.contains("aggregate")
                ? template.request(uri, e -> e.getMessage().setBody("Where are orders 42 and 43?"))
                : template.request("direct:split", e -> {
                    e.getMessage().setBody("Where are orders 42 and 43?");
                    e.getMessage().setHeader("target", uri);
                });

        assertNull(result.getException());
        if (streaming.contains("aggregate")) {
            assertEquals("Both orders shipped.", result.getMessage().getBody());
        } else {
            assertEquals(List.of("Both orders", " shipped."), received);
        }
        assertEquals(List.of("{\"order_id\":\"42\"}", "{\"order_id\":\"43\"}"), toolInputs);
        assertEquals(2, openai.requestCount());
        assertTrue(openai.lastRequest().json().get("stream").asBoolean(), "the second round streams too");
        JsonNode messages = openai.lastRequest().json().get("messages");
        assertEquals(2, messages.get(1).get("tool_calls").size());
        assertEquals("call_a", messages.get(2).get("tool_call_id").asText());
        assertEquals("call_b", messages.get(3).get("tool_call_id").asText());
        assertTrue(messages.get(3).get("content").asText().contains("\"order_id\":\"43\""));
        assertEquals("stop", result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "deepseek_tool_call_empty_content", "groq_tool_call_no_content_no_index",
            "openai_parallel_tool_calls" })
    void inManualModeAStreamedAnswerWithToolCallsHasTheToolCallsAsItsBody(String fixture) {
        openai.enqueue(sse(fixture), sse(fixture));

        Exchange aggregated = template.request(openaiUri("stream=true&aggregateStream=true&tools=lookupOrder"
                                                         + "&toolMode=manual"),
                e -> e.getMessage().setBody("Hi"));
        Exchange iterated = template.request(openaiUri("stream=true&tools=lookupOrder&toolMode=manual"),
                e -> e.getMessage().setBody("Hi"));

        for (Exchange result : List.of(aggregated, iterated)) {
            assertNull(result.getException());
            JsonNode calls = assertInstanceOf(JsonNode.class, result.getMessage().getBody());
            assertEquals("call_a", calls.get(0).get("id").asText());
            assertEquals("{\"order_id\":\"42\"}", calls.get(0).at("/function/arguments").asText());
            assertEquals("tool_calls", result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        }
        assertTrue(toolInputs.isEmpty(), "manual mode runs nothing");
    }
}
