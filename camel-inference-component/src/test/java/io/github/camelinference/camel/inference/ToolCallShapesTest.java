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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.ToolCallShape;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tool calls in the shapes OpenAI-compatible servers really send (arguments as a JSON object, Mistral's without
 * {@code type}, DeepSeek's with an extra {@code index}), over HTTP from the simulator: in auto mode the tool route gets
 * the arguments as JSON text and the calls go back to the provider in OpenAI's shape; in manual mode the route gets the
 * same body whether the answer was streamed or not.
 */
class ToolCallShapesTest extends SimulatorTestSupport {

    private static final String ARGUMENTS = "{\"order_id\":\"42\"}";

    private final List<String> toolInputs = new CopyOnWriteArrayList<>();

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder")
                        .process(e -> toolInputs.add(e.getMessage().getBody(String.class)))
                        .setBody(constant("{\"status\":\"shipped\"}"));
            }
        };
    }

    private Exchange ask(String options) {
        return template.request(openaiUri("tools=lookupOrder" + options),
                e -> e.getMessage().setBody("Where is order 42?"));
    }

    @ParameterizedTest
    @CsvSource({
            "OBJECT_ARGUMENTS, ''",
            "OBJECT_ARGUMENTS, &stream=true&aggregateStream=true",
            "MISTRAL,          ''",
            "MISTRAL,          &stream=true&aggregateStream=true",
            "DEEPSEEK,         ''",
            "DEEPSEEK,         &stream=true&aggregateStream=true" })
    void inAutoModeTheToolGetsItsArgumentsAsJsonTextAndTheCallGoesBackInOpenAisShape(
            ToolCallShape shape,
            String options) {
        openai.enqueue(Reply.toolCall("lookup_order", ARGUMENTS).shaped(shape), Reply.answer());

        Exchange result = ask(options);

        assertNull(result.getException());
        assertEquals("Simulated answer to: Where is order 42?", result.getMessage().getBody());
        assertEquals(List.of(ARGUMENTS), toolInputs, "the tool route ran with the arguments as JSON text");
        JsonNode messages = openai.lastRequest().json().get("messages");
        JsonNode sentBack = messages.get(1).get("tool_calls").get(0);
        assertEquals(List.of("id", "type", "function"), fieldNames(sentBack), sentBack.toString());
        assertEquals("function", sentBack.get("type").asText());
        assertEquals(ARGUMENTS, sentBack.at("/function/arguments").asText());
        assertTrue(sentBack.at("/function/arguments").isTextual(), sentBack.toString());
        assertEquals(sentBack.get("id").asText(), messages.get(2).get("tool_call_id").asText());
    }

    @ParameterizedTest
    @EnumSource(value = ToolCallShape.class, names = { "OBJECT_ARGUMENTS", "MISTRAL", "DEEPSEEK" })
    void inManualModeTheBodyIsTheSameStreamedOrNotInOpenAisShape(ToolCallShape shape) {
        openai.enqueue(Reply.toolCall("lookup_order", ARGUMENTS).shaped(shape),
                Reply.toolCall("lookup_order", ARGUMENTS).shaped(shape));

        JsonNode plain = manualBody(ask("&toolMode=manual"));
        JsonNode streamed = manualBody(ask("&toolMode=manual&stream=true&aggregateStream=true"));

        // the simulator gives each answer a call id of its own, as a provider does: all else must be equal
        assertTrue(plain.get(0).get("id").asText().startsWith("call_"), plain.toString());
        assertTrue(streamed.get(0).get("id").asText().startsWith("call_"), streamed.toString());
        assertEquals(withoutIds(plain), withoutIds(streamed));
        assertEquals(1, plain.size());
        assertEquals(List.of("id", "type", "function"), fieldNames(plain.get(0)), plain.toString());
        assertEquals("function", plain.get(0).get("type").asText());
        assertEquals("lookup_order", plain.get(0).at("/function/name").asText());
        assertEquals(ARGUMENTS, plain.get(0).at("/function/arguments").asText());
        assertTrue(toolInputs.isEmpty(), "manual mode runs nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "llamacpp_tool_call_object_arguments", "mistral_tool_call_no_type",
            "deepseek_tool_call_index" })
    void inManualModeTheSameAnswerGivesTheSameBodyStreamedOrNot(String fixture) {
        openai.enqueue(Reply.json(200, fixture("quirks/" + fixture + ".json")),
                Reply.sse(fixture("quirks/" + fixture + ".sse")), Reply.sse(fixture("quirks/" + fixture + ".sse")));

        JsonNode plain = manualBody(ask("&toolMode=manual"));
        JsonNode aggregated = manualBody(ask("&toolMode=manual&stream=true&aggregateStream=true"));
        JsonNode iterated = manualBody(ask("&toolMode=manual&stream=true"));

        assertEquals(plain, aggregated);
        assertEquals(plain, iterated);
        JsonNode call = plain.get(0);
        assertEquals(List.of("id", "type", "function"), fieldNames(call), call.toString());
        assertEquals("function", call.get("type").asText());
        assertTrue(call.at("/function/arguments").isTextual(), call.toString());
    }

    private static JsonNode manualBody(Exchange exchange) {
        assertNull(exchange.getException());
        assertEquals("tool_calls", exchange.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        return assertInstanceOf(JsonNode.class, exchange.getMessage().getBody());
    }

    private static JsonNode withoutIds(JsonNode calls) {
        ArrayNode copy = calls.deepCopy();
        copy.forEach(call -> ((ObjectNode) call).remove("id"));
        return copy;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
