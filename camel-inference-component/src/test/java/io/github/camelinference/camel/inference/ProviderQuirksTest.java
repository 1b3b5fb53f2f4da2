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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.MalformedResponseException;
import io.github.camelinference.camel.inference.stream.ReasoningDelta;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each provider family really sends (fixtures under {@code fixtures/quirks}, one JSON answer and the same answer
 * as an event stream) and what the route gets: the same body and headers either way, reasoning kept apart.
 */
class ProviderQuirksTest extends SimulatorTestSupport {

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(100, BudgetGuard.Window.DAY);

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = lookupOrderTool();

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Object> items = new CopyOnWriteArrayList<>();

    private static InferenceTool lookupOrderTool() {
        InferenceTool tool = new InferenceTool();
        tool.setName("lookup_order");
        tool.setParameters("{\"type\":\"object\",\"properties\":{\"order_id\":{\"type\":\"string\"}}}");
        tool.setEndpoint("direct:lookupOrder");
        return tool;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("{\"status\":\"shipped\"}"));
                from("direct:items")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> items.add(e.getMessage().getBody()))
                        .end();
                from("direct:split")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> received.add(e.getMessage().getBody(String.class)))
                        .end();
            }
        };
    }

    private static Reply json(String name) {
        return Reply.json(200, fixture("quirks/" + name + ".json"));
    }

    private static Reply sse(String name) {
        return Reply.sse(fixture("quirks/" + name + ".sse"));
    }

    private Exchange call(String uri) {
        return template.request(uri, e -> e.getMessage().setBody("Hi"));
    }

    private Exchange split(String uri) {
        return template.request("direct:split", e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader("target", uri);
        });
    }

    private static ChatResponse response(Exchange exchange) {
        assertNull(exchange.getException());
        return exchange.getMessage().getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "deepseek_reasoning_content | Paris. | The capital of France is Paris.",
            "groq_reasoning             | 4      | 2 plus 2 makes 4.",
            "mistral_thinking_parts     | Rome.  | Rome is the capital of Italy." })
    void reasoningReachesTheResponseAndNeverTheAnswer(String fixture, String answer, String reasoning) {
        openai.enqueue(json(fixture), sse(fixture), sse(fixture));

        Exchange plain = call(openaiUri(""));
        Exchange aggregated = call(openaiUri("stream=true&aggregateStream=true"));
        Exchange iterated = split(openaiUri("stream=true"));

        for (Exchange exchange : List.of(plain, aggregated, iterated)) {
            assertEquals(reasoning, response(exchange).reasoning());
            assertEquals(answer, response(exchange).text());
            assertEquals(reasoning, exchange.getMessage().getHeader(InferenceConstants.REASONING));
        }
        assertEquals(answer, plain.getMessage().getBody());
        assertEquals(answer, aggregated.getMessage().getBody());
        assertEquals(answer, String.join("", received), "split mode delivers the answer's text only");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "deepseek_reasoning_content | ''",
            "mistral_thinking_parts     | ''",
            // the rate limiter and the budget each wrap the stream's listener: the reasoning passes through both
            "deepseek_reasoning_content | requestsPerMinute=6000&rateLimitAccount=quirks&budgetGuard=#budget" })
    void withStreamReasoningTheReasoningDeltasArriveAsMarkedItemsBeforeTheText(String fixture, String options) {
        openai.enqueue(sse(fixture));

        Exchange result = template.request("direct:items", e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader("target", openaiUri("stream=true&streamReasoning=true"
                                                         + (options.isEmpty() ? "" : "&" + options)));
        });

        assertNull(result.getException());
        StringBuilder reasoning = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean textStarted = false;
        for (Object item : items) {
            if (item instanceof ReasoningDelta delta) {
                assertTrue(!textStarted, "reasoning comes first in these answers: " + items);
                reasoning.append(delta.text());
            } else {
                textStarted = true;
                text.append(assertInstanceOf(String.class, item));
            }
        }
        assertEquals(response(result).reasoning(), reasoning.toString());
        assertEquals(response(result).text(), text.toString());
        assertTrue(items.stream().filter(ReasoningDelta.class::isInstance).count() >= 2, items.toString());
    }

    @Test
    void withMalformedChunksSkipABrokenChunkIsSkippedAndCounted() {
        openai.enqueue(Reply.sseData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"?\"}}]} {\"oops\":1}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}",
                "[DONE]"));

        Exchange result = call(openaiUri("stream=true&aggregateStream=true&malformedChunks=skip"));

        assertNull(result.getException());
        assertEquals("Hello", result.getMessage().getBody());
        assertEquals(1, result.getMessage().getHeader(InferenceConstants.SKIPPED_CHUNKS));
    }

    @Test
    void typedTextPartsAreTheAnswerAndAnUnknownPartTypeIsSkippedWithOneWarning() {
        ListAppender logs = ListAppender.getListAppender("Everything");
        logs.clear();
        openai.enqueue(json("typed_text_parts"), sse("typed_text_parts"));

        assertEquals("Camel is an integration framework.", call(openaiUri("")).getMessage().getBody());
        split(openaiUri("stream=true"));

        assertEquals(List.of("Camel is", " an integration", " framework."), received);
        List<String> warnings = new ArrayList<>();
        for (LogEvent event : logs.getEvents()) {
            if (event.getLevel() == Level.WARN && event.getMessage().getFormattedMessage().contains("'reference'")) {
                warnings.add(event.getMessage().getFormattedMessage());
            }
        }
        assertEquals(1, warnings.size(), "one warning for four skipped parts: " + warnings);
    }

    @Test
    void refusalAnnotationsLogprobsFingerprintAndTierAreKeptStreamedOrNot() {
        openai.enqueue(json("openai_extras"), sse("openai_extras"));

        ChatResponse plain = response(call(openaiUri("")));
        ChatResponse streamed = response(call(openaiUri("stream=true&aggregateStream=true")));

        for (ChatResponse r : List.of(plain, streamed)) {
            assertEquals("fp_abc123", r.systemFingerprint());
            assertEquals("default", r.serviceTier());
            ChatResponse.Choice choice = r.choices().get(0);
            assertEquals("https://camel.apache.org", choice.annotations().get(0).at("/url_citation/url").asText());
            assertEquals(3, choice.logprobs().get("content").size());
            assertEquals(" camel", choice.logprobs().get("content").get(1).get("token").asText());
        }
        assertEquals(plain.choices().get(0).annotations(), streamed.choices().get(0).annotations());
        assertEquals(plain.choices().get(0).logprobs().get("content"), streamed.choices().get(0).logprobs().get("content"));
    }

    @Test
    void aRefusalIsKeptOnTheResponseWhenTheModelAlsoAnswered() {
        openai.enqueue(Reply.json(200, "{\"id\":\"r\",\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                       + "\"assistant\",\"content\":\"I can help with part of it.\",\"refusal\":"
                                       + "\"I will not share the key.\"},\"finish_reason\":\"stop\"}]}"));

        ChatResponse r = response(call(openaiUri("")));

        assertEquals("I will not share the key.", r.choices().get(0).refusal());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "deepseek_reasoning_content", "groq_reasoning", "mistral_thinking_parts",
            "typed_text_parts", "openai_extras" })
    void theSameAnswerStreamedOrNotGivesTheSameBodyAndHeaders(String fixture) {
        openai.enqueue(json(fixture), sse(fixture), sse(fixture));

        Exchange plain = call(openaiUri(""));
        Exchange streamed = call(openaiUri("stream=true&aggregateStream=true"));
        Exchange iterated = split(openaiUri("stream=true"));

        assertNull(plain.getException());
        assertNull(streamed.getException());
        assertNull(iterated.getException());
        assertEquals(plain.getMessage().getBody(), streamed.getMessage().getBody());
        assertEquals(plain.getMessage().getBody(), String.join("", received));
        assertEquals(comparableHeaders(plain), comparableHeaders(streamed));
        assertEquals(comparableHeaders(plain), comparableHeaders(iterated));
        ChatResponse a = response(plain);
        ChatResponse b = response(streamed);
        assertEquals(a.choices(), b.choices());
        assertEquals(a.usage(), b.usage());
        assertEquals(List.of(a.id(), a.model(), String.valueOf(a.systemFingerprint()), String.valueOf(a.serviceTier())),
                List.of(b.id(), b.model(), String.valueOf(b.systemFingerprint()), String.valueOf(b.serviceTier())));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "deepseek_tool_call_empty_content", "groq_tool_call_no_content_no_index",
            "openai_parallel_tool_calls" })
    void theSameToolCallsStreamedOrNotGiveTheSameBodyAndHeaders(String fixture) {
        openai.enqueue(json(fixture), sse(fixture));

        Exchange plain = call(openaiUri("tools=lookupOrder&toolMode=manual"));
        Exchange streamed = call(openaiUri("tools=lookupOrder&toolMode=manual&stream=true&aggregateStream=true"));

        assertInstanceOf(JsonNode.class, plain.getMessage().getBody());
        assertEquals(plain.getMessage().getBody(), streamed.getMessage().getBody());
        assertEquals(comparableHeaders(plain), comparableHeaders(streamed));
        assertEquals(response(plain).choices(), response(streamed).choices());
    }

    /** Every header the component sets, but those that differ by nature between two calls (timings, request id). */
    private static Map<String, Object> comparableHeaders(Exchange exchange) {
        Map<String, Object> headers = new TreeMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (name.startsWith("CamelInference") && !name.equals(InferenceConstants.LATENCY)
                    && !name.equals(InferenceConstants.TIME_TO_FIRST_TOKEN) && !name.equals(InferenceConstants.REQUEST_ID)
                    && !name.equals(InferenceConstants.RESPONSE)) {
                headers.put(name, value);
            }
        });
        assertTrue(headers.containsKey(InferenceConstants.FINISH_REASON), headers.toString());
        assertTrue(headers.containsKey(InferenceConstants.TOTAL_TOKENS), headers.toString());
        return headers;
    }

    @ParameterizedTest
    @ValueSource(strings = { "deepseek_tool_call_empty_content", "groq_tool_call_no_content_no_index" })
    void inManualModeTheToolCallsAreTheBodyWhateverTheContentSays(String fixture) {
        openai.enqueue(json(fixture));

        Exchange result = template.request(openaiUri("tools=lookupOrder&toolMode=manual"),
                e -> e.getMessage().setBody("Where is order 42?"));

        JsonNode calls = assertInstanceOf(JsonNode.class, result.getMessage().getBody());
        assertEquals("call_a", calls.get(0).get("id").asText());
        assertEquals("{\"order_id\":\"42\"}", calls.get(0).at("/function/arguments").asText());
    }

    @Test
    void anAnswerBodyWithBytesAfterItsJsonIsMalformed() {
        openai.enqueue(Reply.json(200, fixture("quirks/groq_reasoning.json").strip() + " {}"));

        MalformedResponseException e = failure(openaiUri(""), "Hi", MalformedResponseException.class);

        assertTrue(e.getMessage().contains("not chat-completions JSON"), e.getMessage());
    }

    @Test
    void aChunkWithBytesAfterItsJsonIsMalformed() {
        openai.enqueue(Reply.sseData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" there\"}}]}garbage",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]"));

        Exchange result = split(openaiUri("stream=true"));

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, result.getException());
        assertTrue(e.getMessage().contains("not JSON (one object, nothing after it)"), e.getMessage());
    }

    @Test
    void aDataLineHoldingTwoObjectsIsMalformedNotHalfRead() {
        openai.enqueue(Reply.sseData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"}}]}"
                                     + " {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", "[DONE]"));

        Exchange result = call(openaiUri("stream=true&aggregateStream=true"));

        assertInstanceOf(MalformedResponseException.class, result.getException());
    }
}
