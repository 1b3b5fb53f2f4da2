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
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tool calls run as Camel routes: the model asks, direct:lookupOrder answers, the model finishes. */
class ToolCallsTest extends SimulatorTestSupport {

    private final List<String> toolInputs = new CopyOnWriteArrayList<>();

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @BindToRegistry("cancelOrder")
    private final InferenceTool cancelOrder = orderTool("cancel_order", "Cancel an order", "direct:cancelOrder");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder")
                        .process(e -> toolInputs.add(e.getMessage().getBody(String.class)))
                        .setBody(constant("{\"status\":\"shipped\",\"carrier\":\"DHL\"}"));
                from("direct:cancelOrder")
                        .throwException(new IllegalStateException("order 42 cannot be cancelled: already shipped"));
            }
        };
    }

    private static Reply toolCall(String id, String name, String arguments) {
        return Reply.json(200, "{\"id\":\"c-" + id + "\",\"model\":\"gpt-5-mini-2025-08-07\",\"choices\":[{\"index\":0,"
                               + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"" + id
                               + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name + "\",\"arguments\":"
                               + "\"" + arguments.replace("\"", "\\\"") + "\"}}]},\"finish_reason\":\"tool_calls\"}],"
                               + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
    }

    private static Reply text(String content) {
        return Reply.json(200, "{\"id\":\"c-final\",\"model\":\"gpt-5-mini-2025-08-07\",\"choices\":[{\"index\":0,"
                               + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
                               + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":40,\"completion_tokens\":8,"
                               + "\"total_tokens\":48}}");
    }

    @Test
    void aTwoRoundToolLoopRunsTheToolRouteAndSendsItsResultBack() {
        openai.enqueue(toolCall("call_1", "lookup_order", "{\"order_id\":\"42\"}"), text("Order 42 shipped with DHL."));

        Exchange result = template.request(openaiUri("tools=lookupOrder,cancelOrder"),
                e -> e.getMessage().setBody("Where is order 42?"));

        assertNull(result.getException());
        assertEquals("Order 42 shipped with DHL.", result.getMessage().getBody());
        assertEquals(List.of("{\"order_id\":\"42\"}"), toolInputs);
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
        JsonNode first = openai.requests().get(0).json();
        assertEquals("lookup_order", first.get("tools").get(0).get("function").get("name").asText());
        assertEquals("object", first.get("tools").get(0).get("function").get("parameters").get("type").asText());
        JsonNode secondMessages = openai.lastRequest().json().get("messages");
        assertEquals("call_1", secondMessages.get(1).get("tool_calls").get(0).get("id").asText());
        assertEquals("tool", secondMessages.get(2).get("role").asText());
        assertEquals("call_1", secondMessages.get(2).get("tool_call_id").asText());
        assertEquals("{\"status\":\"shipped\",\"carrier\":\"DHL\"}", secondMessages.get(2).get("content").asText());
    }

    @Test
    void theRoundLimitStopsAModelThatNeverFinishes() {
        for (int i = 0; i < 5; i++) {
            openai.enqueue(toolCall("call_" + i, "lookup_order", "{\"order_id\":\"42\"}"));
        }

        Exchange result = template.request(openaiUri("tools=lookupOrder&maxToolRounds=3"),
                e -> e.getMessage().setBody("Loop forever"));

        assertTrue(result.getException().getMessage().contains("after 3 rounds"), result.getException().getMessage());
        assertEquals(3, openai.requestCount());
        assertEquals(2, toolInputs.size());
    }

    @Test
    void aFailingToolRouteIsReportedToTheModelOrFailsTheExchange() {
        openai.enqueue(toolCall("call_9", "cancel_order", "{\"order_id\":\"42\"}"), text("Sorry, it already shipped."));
        Exchange reported = template.request(openaiUri("tools=lookupOrder,cancelOrder"),
                e -> e.getMessage().setBody("Cancel order 42"));
        assertEquals("Sorry, it already shipped.", reported.getMessage().getBody());
        String toolResult = openai.lastRequest().json().get("messages").get(2).get("content").asText();
        assertTrue(toolResult.contains("already shipped"), toolResult);

        openai.enqueue(toolCall("call_10", "cancel_order", "{\"order_id\":\"42\"}"));
        Exchange failed = template.request(openaiUri("tools=cancelOrder&toolErrors=fail"),
                e -> e.getMessage().setBody("Cancel order 42"));
        assertInstanceOf(IllegalStateException.class, failed.getException());
    }

    @Test
    void argumentsAreCheckedAgainstTheToolsSchemaBeforeTheRouteRuns() {
        openai.enqueue(toolCall("call_5", "lookup_order", "{\"id\":42}"), text("I need an order id."));

        template.request(openaiUri("tools=lookupOrder"), e -> e.getMessage().setBody("Where is my order?"));

        assertTrue(toolInputs.isEmpty(), "the route never ran");
        String toolResult = openai.lastRequest().json().get("messages").get(2).get("content").asText();
        assertTrue(toolResult.contains("do not match its schema"), toolResult);
    }

    @Test
    void inManualModeTheRouteReceivesTheToolCallsAndContinuesTheConversation() {
        openai.enqueue(toolCall("call_7", "lookup_order", "{\"order_id\":\"7\"}"), text("Order 7 shipped."));

        Exchange first = template.request(openaiUri("tools=lookupOrder&toolMode=manual"),
                e -> e.getMessage().setBody("Where is order 7?"));
        JsonNode calls = assertInstanceOf(JsonNode.class, first.getMessage().getBody());
        assertEquals("tool_calls", first.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        assertTrue(toolInputs.isEmpty(), "nothing ran by itself");

        ChatRequest next = ChatRequest.of(ChatMessage.user("Where is order 7?"),
                ChatMessage.assistantToolCalls(null, calls), ChatMessage.toolResult("call_7", "{\"status\":\"shipped\"}"));
        assertEquals("Order 7 shipped.", template.requestBody(openaiUri("tools=lookupOrder&toolMode=manual"), next));
    }
}
