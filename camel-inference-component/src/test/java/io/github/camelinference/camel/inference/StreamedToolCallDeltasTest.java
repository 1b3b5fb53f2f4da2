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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tools passed through in the request (the caller runs them, as behind an OpenAI-compatible gateway) with
 * {@code stream=true}: each tool-call fragment reaches a stream's sink as it arrives, the exchange completes at the
 * first one, and the final response holds the calls assembled from the same fragments.
 */
class StreamedToolCallDeltasTest extends SimulatorTestSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> received.add(e.getMessage().getBody(String.class)))
                        .end();
            }
        };
    }

    /** A request that passes one function tool through to the provider, as a gateway forwards its caller's. */
    private static ChatRequest withTools(String prompt) {
        return ChatRequest.of(ChatMessage.user(prompt)).extra("tools", List.of(Map.of("type", "function",
                "function", Map.of("name", "lookup_order", "parameters", Map.of("type", "object")))));
    }

    private Exchange stream(String options, String prompt) {
        return template.request(openaiUri("stream=true" + options), e -> e.getMessage().setBody(withTools(prompt)));
    }

    @Test
    void theExchangeCompletesAtTheFirstToolCallFragmentWithWhoAnswers() throws Exception {
        // three chunks (the call opened, two argument fragments), then silence: only streaming can answer at all
        openai.always(Reply.toolCall("lookup_order", "{\"order_id\":\"42\"}").paced(Duration.ofMillis(20))
                .stallAfterChunks(3).withHeader("x-request-id", "req_t1"));

        Exchange result = stream("&streamIdleTimeout=500", "Where is order 42?");

        assertNull(result.getException());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("req_t1", result.getMessage().getHeader(InferenceConstants.REQUEST_ID));
        assertTrue(result.getMessage().getHeader(InferenceConstants.TIME_TO_FIRST_TOKEN, Long.class) >= 0);
        Recorder sink = new Recorder();
        assertInstanceOf(ChatStream.class, result.getMessage().getBody()).forwardTo(sink);
        Object end = sink.ended.get(10, TimeUnit.SECONDS);
        assertInstanceOf(InferenceTimeoutException.class, end, "the stalled stream ends with the idle timeout");
        String callId = sink.fragments.get(0).id();
        assertTrue(callId.startsWith("call_"), callId);
        assertEquals(List.of(new ToolCallDelta(0, callId, "function", "lookup_order", ""),
                new ToolCallDelta(0, null, null, null, "{\""), new ToolCallDelta(0, null, null, null, "order_id")),
                sink.fragments);
    }

    @Test
    void aSinkGetsEachFragmentInOrderAndTheResponseHoldsTheCallsTheyMake() throws Exception {
        // two calls whose fragments interleave, as OpenAI streams parallel tool calls
        openai.always(Reply.sse(fixture("quirks/openai_parallel_tool_calls.sse")));

        Exchange result = stream("", "Where are orders 42 and 43?");

        Recorder sink = new Recorder();
        assertInstanceOf(ChatStream.class, result.getMessage().getBody()).forwardTo(sink);
        ChatResponse response = assertInstanceOf(ChatResponse.class, sink.ended.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(
                new ToolCallDelta(0, "call_a", "function", "lookup_order", ""),
                new ToolCallDelta(0, null, null, null, "{\"ord"),
                new ToolCallDelta(0, null, null, null, "er_id\""),
                new ToolCallDelta(1, "call_b", "function", "lookup_order", ""),
                new ToolCallDelta(0, null, null, null, ":\"42"),
                new ToolCallDelta(1, null, null, null, "{\"order_id\":"),
                new ToolCallDelta(0, null, null, null, "\"}"),
                new ToolCallDelta(1, null, null, null, "\"43\"}")), sink.fragments);
        JsonNode calls = response.toolCalls();
        assertEquals(2, calls.size());
        for (int i = 0; i < 2; i++) {
            int index = i;
            String joined = String.join("", sink.fragments.stream().filter(f -> f.index() == index)
                    .map(ToolCallDelta::arguments).toList());
            assertEquals(calls.get(i).at("/function/arguments").asText(), joined,
                    "call " + i + "'s fragments make its arguments");
        }
        assertEquals("{\"order_id\":\"43\"}", calls.get(1).at("/function/arguments").asText());
        assertEquals("tool_calls", response.finishReason());
        assertTrue(sink.texts.isEmpty());
    }

    @Test
    void fragmentsWithoutIndexGetTheIndexOfTheCallTheyContinue() throws Exception {
        openai.always(Reply.sse(fixture("quirks/groq_tool_call_no_content_no_index.sse")));

        Exchange result = stream("", "Where is order 42?");

        Recorder sink = new Recorder();
        assertInstanceOf(ChatStream.class, result.getMessage().getBody()).forwardTo(sink);
        sink.ended.get(10, TimeUnit.SECONDS);
        assertEquals(List.of(new ToolCallDelta(0, "call_a", "function", "lookup_order", "{\"order_id\""),
                new ToolCallDelta(0, null, null, null, ":\"42\"}")), sink.fragments);
    }

    @Test
    void aProviderThatAnswersWholeGivesEachCallAsOneFragment() throws Exception {
        // the server ignored stream=true: the whole answer still reaches the sink, nothing of the calls is lost
        openai.always(Reply.json(200, fixture("quirks/openai_parallel_tool_calls.json")));

        Exchange result = stream("", "Where are orders 42 and 43?");

        Recorder sink = new Recorder();
        assertInstanceOf(ChatStream.class, result.getMessage().getBody()).forwardTo(sink);
        assertInstanceOf(ChatResponse.class, sink.ended.get(10, TimeUnit.SECONDS));
        assertEquals(List.of(new ToolCallDelta(0, "call_a", "function", "lookup_order", "{\"order_id\":\"42\"}"),
                new ToolCallDelta(1, "call_b", "function", "lookup_order", "{\"order_id\":\"43\"}")), sink.fragments);
    }

    @Test
    void aRouteIteratingTheStreamSeesNoFragmentsAndFindsTheCallsAtTheEnd() {
        openai.always(Reply.sse(fixture("quirks/openai_parallel_tool_calls.sse")));

        Exchange result = template.request("direct:split", e -> {
            e.getMessage().setBody(withTools("Where are orders 42 and 43?"));
            e.getMessage().setHeader("target", openaiUri("stream=true"));
        });

        assertNull(result.getException());
        assertTrue(received.isEmpty(), "no text, and fragments are not body items: " + received);
        assertEquals("tool_calls", result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        ChatResponse response = result.getMessage().getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
        assertEquals("call_b", response.toolCalls().get(1).get("id").asText());
    }

    /** A sink that records what a relay would send on, and how the stream ended (a response or the error). */
    private static final class Recorder implements ChatStream.Sink {
        final List<ToolCallDelta> fragments = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final CompletableFuture<Object> ended = new CompletableFuture<>();

        @Override
        public void token(String text) {
            texts.add(text);
        }

        @Override
        public void toolCall(ToolCallDelta delta) {
            fragments.add(delta);
        }

        @Override
        public void end(ChatResponse response, Runnable endActions) {
            endActions.run();
            ended.complete(response);
        }

        @Override
        public void error(InferenceException error) {
            ended.complete(error);
        }
    }
}
