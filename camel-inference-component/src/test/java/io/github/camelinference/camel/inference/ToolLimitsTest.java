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

import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model that asks for thousands of tool calls at once runs none of them, and the error quotes only an excerpt. */
class ToolLimitsTest extends SimulatorTestSupport {

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

    /** One answer asking for {@code count} calls of lookup_order. */
    private static Reply toolCalls(int count) {
        StringBuilder calls = new StringBuilder();
        for (int i = 0; i < count; i++) {
            calls.append(i == 0 ? "" : ",").append("{\"id\":\"call_").append(i).append("\",\"type\":\"function\","
                                                                                       + "\"function\":{\"name\":\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"")
                    .append(i)
                    .append("\\\"}\"}}");
        }
        return Reply.json(200, "{\"id\":\"c-1\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"message\":{"
                               + "\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + calls + "]},"
                               + "\"finish_reason\":\"tool_calls\"}]}");
    }

    @Test
    void anAnswerWithMoreToolCallsThanMaxToolCallsPerRoundRunsNone() {
        openai.enqueue(toolCalls(2000));

        InvalidRequestException e = failure(openaiUri("tools=lookupOrder"), "Where are my orders?",
                InvalidRequestException.class);

        assertTrue(e.getMessage().contains("2000 tool calls") && e.getMessage().contains("maxToolCallsPerRound (32)"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 1000, "a short message: " + e.getMessage().length() + " characters");
        assertEquals(List.of(), toolInputs, "no tool ran");
    }

    @Test
    void toolCallsWithinTheCapRun() {
        openai.enqueue(toolCalls(3), Reply.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                                     + "\"content\":\"All shipped.\"},\"finish_reason\":\"stop\"}]}"));

        String answer = template.requestBody(openaiUri("tools=lookupOrder&maxToolCallsPerRound=3"), "Orders?",
                String.class);

        assertEquals("All shipped.", answer);
        assertEquals(3, toolInputs.size());
    }

    @Test
    void theMaxToolRoundsErrorQuotesAnExcerptOfTheCalls() {
        openai.enqueue(toolCalls(30));

        InvalidRequestException e = failure(openaiUri("tools=lookupOrder&maxToolRounds=1"), "Orders?",
                InvalidRequestException.class);

        assertTrue(e.getMessage().contains("maxToolRounds"), e.getMessage());
        assertTrue(e.getMessage().length() < 1000, "a short message: " + e.getMessage().length() + " characters");
    }
}
