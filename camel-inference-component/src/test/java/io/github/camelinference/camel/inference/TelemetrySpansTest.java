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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.telemetry.GenAi;
import io.github.camelinference.simulator.Reply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every provider call as an OpenTelemetry GenAI client span, child of the span current when the message reached the
 * producer, with the GenAI metrics; the provider receives the call's own {@code traceparent}.
 */
class TelemetrySpansTest extends TelemetryTestSupport {

    /** One "Hello" answer costs (1 × 0.25 + 4 × 2.00) / 1e6 USD; the budget admits the first call only. */
    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(
            new InMemorySpendStore(), 0.5 * (1 * 0.25 + 4 * 2.00) / 1e6,
            BudgetGuard.Window.DAY, Clock.systemUTC());

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("{\"status\":\"shipped\"}"));
            }
        };
    }

    private Exchange ask(String uri, String prompt) {
        return template.request(uri, e -> e.getMessage().setBody(prompt));
    }

    @Test
    void aCallIsOneClientSpanChildOfTheCallersSpanWithTheConventionsAttributesAndItsTraceparentGoesToTheProvider() {
        Exchange[] result = new Exchange[1];
        SpanData parent = underParent("route", () -> ask(openaiUri("maxTokens=300&temperature=1&reasoningEffort=low"),
                "Hello"), result);
        assertNull(result[0].getException());

        SpanData chat = awaitSpan(named("chat gpt-5-mini"));
        assertTrue(childOf(parent).test(chat), "the call's span is a child of the caller's");
        assertKind(SpanKind.CLIENT, chat);
        assertEquals("chat", chat.getAttributes().get(GenAi.OPERATION_NAME));
        assertEquals("openai", chat.getAttributes().get(GenAi.PROVIDER_NAME));
        assertEquals("gpt-5-mini", chat.getAttributes().get(GenAi.REQUEST_MODEL));
        assertEquals("gpt-5-mini-2025-08-07", chat.getAttributes().get(GenAi.RESPONSE_MODEL));
        assertEquals(result[0].getMessage().getHeader(InferenceConstants.RESPONSE_ID),
                chat.getAttributes().get(GenAi.RESPONSE_ID));
        assertEquals(List.of("stop"), chat.getAttributes().get(GenAi.RESPONSE_FINISH_REASONS));
        assertEquals(1L, chat.getAttributes().get(GenAi.USAGE_INPUT_TOKENS));
        assertEquals(4L, chat.getAttributes().get(GenAi.USAGE_OUTPUT_TOKENS));
        assertEquals(0L, chat.getAttributes().get(GenAi.USAGE_REASONING_OUTPUT_TOKENS));
        assertEquals("127.0.0.1", chat.getAttributes().get(GenAi.SERVER_ADDRESS));
        assertEquals((long) openai.port(), chat.getAttributes().get(GenAi.SERVER_PORT));
        assertEquals(300L, chat.getAttributes().get(GenAi.REQUEST_MAX_TOKENS));
        assertEquals(1.0, chat.getAttributes().get(GenAi.REQUEST_TEMPERATURE));
        assertEquals("low", chat.getAttributes().get(GenAi.REASONING_EFFORT));
        assertNull(chat.getAttributes().get(GenAi.ERROR_TYPE));
        assertNull(chat.getAttributes().get(GenAi.REQUEST_STREAM));
        assertEquals(StatusCode.UNSET, chat.getStatus().getStatusCode());

        assertEquals(traceparent(chat), openai.lastRequest().header("traceparent"));

        HistogramPointData duration = metric("gen_ai.client.operation.duration").getHistogramData().getPoints()
                .iterator().next();
        assertEquals(1, duration.getCount());
        assertEquals("openai", duration.getAttributes().get(GenAi.PROVIDER_NAME));
        assertEquals("gpt-5-mini", duration.getAttributes().get(GenAi.REQUEST_MODEL));
        assertEquals("gpt-5-mini-2025-08-07", duration.getAttributes().get(GenAi.RESPONSE_MODEL));
        assertEquals(List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92),
                duration.getBoundaries(), "the conventions' bucket advice");
        List<String> tokenTypes = new ArrayList<>();
        metric("gen_ai.client.token.usage").getHistogramData().getPoints().forEach(p -> {
            tokenTypes.add(p.getAttributes().get(GenAi.TOKEN_TYPE) + "=" + (long) p.getSum());
            assertEquals(1024.0, p.getBoundaries().get(5));
        });
        assertEquals(List.of("input=1", "output=4"), tokenTypes.stream().sorted().toList());
    }

    @Test
    void aStreamsSpanEndsWhenTheStreamEndsNotAtItsFirstTokenWhichIsAnEvent() {
        openai.enqueue(Reply.answer().paced(Duration.ofMillis(300)));

        Exchange started = ask(openaiUri("stream=true"), "Tell me a story");
        assertNull(started.getException());
        ChatStream stream = assertInstanceOf(ChatStream.class, started.getMessage().getBody());
        assertTrue(spans.getFinishedSpanItems().stream().noneMatch(named("chat gpt-5-mini")),
                "the exchange completed at the first token; the call's span is still open");

        StringBuilder text = new StringBuilder();
        while (stream.hasNext()) {
            text.append(stream.next());
        }
        SpanData chat = awaitSpan(named("chat gpt-5-mini"));
        assertEquals("Simulated answer to: Tell me a story", text.toString());
        assertEquals(Boolean.TRUE, chat.getAttributes().get(GenAi.REQUEST_STREAM));
        assertEquals(List.of("stop"), chat.getAttributes().get(GenAi.RESPONSE_FINISH_REASONS));
        EventData first = chat.getEvents().stream().filter(e -> e.getName().equals(GenAi.EVENT_FIRST_CHUNK))
                .findFirst().orElseThrow();
        long streamedAfterFirst = chat.getEndEpochNanos() - first.getEpochNanos();
        assertTrue(streamedAfterFirst >= Duration.ofMillis(1000).toNanos(),
                "the span lasts until the last of the paced chunks: " + streamedAfterFirst / 1_000_000 + " ms");
        Double ttfc = chat.getAttributes().get(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK);
        assertNotNull(ttfc);
        assertEquals(1, histogramCount("gen_ai.client.operation.time_to_first_chunk"));
        assertEquals(traceparent(chat), openai.lastRequest().header("traceparent"));
    }

    @Test
    void toolRoundsAreClientSpansOfTheirOwnBesideTheToolsSpanAllUnderTheCallersSpan() {
        openai.enqueue(Reply.toolCall("lookup_order", "{\"order_id\":\"42\"}"), Reply.answer());
        Exchange[] result = new Exchange[1];

        SpanData parent = underParent("route", () -> ask(openaiUri("tools=lookupOrder"), "Where is order 42?"),
                result);

        assertNull(result[0].getException());
        assertToolRoundTree(parent);
    }

    @Test
    void streamedToolRoundsAreClientSpansOfTheirOwnBesideTheToolsSpanAllUnderTheCallersSpan() {
        openai.enqueue(Reply.toolCall("lookup_order", "{\"order_id\":\"42\"}"), Reply.answer());
        Exchange[] result = new Exchange[1];

        SpanData parent = underParent("route", () -> ask(openaiUri("tools=lookupOrder&stream=true"
                                                                   + "&aggregateStream=true"),
                "Where is order 42?"),
                result);

        assertNull(result[0].getException());
        List<SpanData> chats = assertToolRoundTree(parent);
        chats.forEach(chat -> assertEquals(Boolean.TRUE, chat.getAttributes().get(GenAi.REQUEST_STREAM)));
    }

    private List<SpanData> assertToolRoundTree(SpanData parent) {
        List<SpanData> chats = awaitSpans(named("chat gpt-5-mini"), 2);
        SpanData tool = awaitSpan(named("execute_tool lookup_order"));
        assertTrue(childOf(parent).test(tool));
        assertKind(SpanKind.INTERNAL, tool);
        assertEquals("execute_tool", tool.getAttributes().get(GenAi.OPERATION_NAME));
        assertEquals("lookup_order", tool.getAttributes().get(GenAi.TOOL_NAME));
        for (SpanData chat : chats) {
            assertTrue(childOf(parent).test(chat), "each round is a client span under the caller's: " + chat);
        }
        assertEquals(List.of("tool_calls"), chats.get(0).getAttributes().get(GenAi.RESPONSE_FINISH_REASONS));
        assertEquals(List.of("stop"), chats.get(1).getAttributes().get(GenAi.RESPONSE_FINISH_REASONS));
        assertEquals(1L, chats.get(0).getAttributes().get(GenAi.CALL_INDEX));
        assertEquals(2L, chats.get(1).getAttributes().get(GenAi.CALL_INDEX));
        assertTrue(chats.get(0).getStartEpochNanos() < tool.getStartEpochNanos()
                && tool.getEndEpochNanos() <= chats.get(1).getStartEpochNanos(),
                "round 1, then the tool, then round 2");
        assertEquals(traceparent(chats.get(1)), openai.lastRequest().header("traceparent"));
        assertEquals(traceparent(chats.get(0)), openai.requests().get(openai.requests().size() - 2)
                .header("traceparent"));
        return chats;
    }

    @Test
    void aBudgetRefusalIsAnEventOnAClientSpanThatEndsWithItsErrorType() {
        assertNull(ask(openaiUri("budgetGuard=#budget"), "Hello").getException());
        Exchange refused = ask(openaiUri("budgetGuard=#budget"), "Hello");
        assertNotNull(refused.getException());

        List<SpanData> chats = awaitSpans(named("chat gpt-5-mini"), 2);
        SpanData refusedSpan = chats.get(1);
        assertEquals("budget_exceeded", refusedSpan.getAttributes().get(GenAi.ERROR_TYPE));
        assertEquals(StatusCode.ERROR, refusedSpan.getStatus().getStatusCode());
        assertTrue(refusedSpan.getEvents().stream().anyMatch(e -> e.getName().equals(GenAi.EVENT_BUDGET_REFUSED)));
        assertEquals(1, openai.requestCount(), "the refused call was never sent");
        assertEquals(1, counterValue("camel.inference.budget.refusals"));
        assertTrue(metric("gen_ai.client.operation.duration").getHistogramData().getPoints().stream()
                .anyMatch(p -> "budget_exceeded".equals(p.getAttributes().get(GenAi.ERROR_TYPE))));
    }

    @Test
    void aRateLimitRefusalIsAnEventOnAClientSpanThatEndsWithItsErrorType() {
        String uri = openaiUri("requestsPerMinute=1&rateLimitAccount=spans");
        assertNull(ask(uri, "Hello").getException());
        assertNotNull(ask(uri, "Hello").getException());

        SpanData refused = awaitSpans(named("chat gpt-5-mini"), 2).get(1);
        assertEquals("rate_limited", refused.getAttributes().get(GenAi.ERROR_TYPE));
        EventData event = refused.getEvents().stream()
                .filter(e -> e.getName().equals(GenAi.EVENT_RATE_LIMIT_REFUSED)).findFirst().orElseThrow();
        assertEquals("spans", event.getAttributes().get(GenAi.RATE_LIMIT_ACCOUNT));
        assertEquals(1, counterValue("camel.inference.rate_limit.refusals"));
    }

    @Test
    void aWaitForTheAccountsRateLimitIsAnEventOnTheCallsSpan() {
        // 60 a minute: a bucket of one, refilled once a second; a call right after another waits for its turn
        String uri = openaiUri("requestsPerMinute=60&rateLimitAccount=waits&rateLimitMaxWait=10000");
        for (int i = 0; i < 3; i++) {
            assertNull(ask(uri, "Hello").getException());
        }

        List<SpanData> chats = awaitSpans(named("chat gpt-5-mini"), 3);
        SpanData waited = chats.stream().filter(s -> s.getEvents().stream()
                .anyMatch(e -> e.getName().equals(GenAi.EVENT_RATE_LIMIT_WAIT))).findFirst()
                .orElseThrow(() -> new AssertionError("no call waited: " + chats));
        EventData granted = waited.getEvents().stream()
                .filter(e -> e.getName().equals(GenAi.EVENT_RATE_LIMIT_GRANTED)).findFirst().orElseThrow();
        assertTrue(granted.getAttributes().get(GenAi.RATE_LIMIT_WAIT_MS) >= 0);
        assertNull(waited.getAttributes().get(GenAi.ERROR_TYPE), "it waited, then was sent and answered");
        assertEquals(3, openai.requestCount());
    }

    @Test
    void aProviderErrorEndsTheSpanWithTheErrorKindAndNoMessage() {
        openai.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded, your prompt was: Hello secret\","
                                       + "\"type\":\"server_error\"}}"));
        assertNotNull(ask(openaiUri(""), "Hello secret").getException());

        SpanData chat = awaitSpan(named("chat gpt-5-mini"));
        assertEquals("provider_unavailable", chat.getAttributes().get(GenAi.ERROR_TYPE));
        assertEquals(StatusCode.ERROR, chat.getStatus().getStatusCode());
        assertEquals("provider_unavailable", chat.getStatus().getDescription());
        assertTrue(chat.getEvents().isEmpty(), "no exception event: its message may quote the prompt");
    }

    @Test
    void withOpenTelemetryMetricsOffTheSpansStayButNoGenAiMetricIsRecordedHere() {
        context.getComponent("inference", InferenceComponent.class).setOpenTelemetryMetrics(false);

        assertNull(ask(openaiUri(""), "Hello").getException());

        assertEquals(1L, awaitSpan(named("chat gpt-5-mini")).getAttributes().get(GenAi.USAGE_INPUT_TOKENS));
        assertTrue(metrics.collectAllMetrics().stream().noneMatch(m -> m.getName().startsWith("gen_ai.")),
                "what records them elsewhere (the starter's Micrometer meters) counts each call once");
    }

    @Test
    void withPropagateTraceContextOffNoTraceparentIsSent() {
        Exchange[] result = new Exchange[1];
        underParent("route", () -> ask(openaiUri("propagateTraceContext=false"), "Hello"), result);
        assertNull(result[0].getException());
        awaitSpan(named("chat gpt-5-mini"));
        assertNull(openai.lastRequest().header("traceparent"));
        assertNull(openai.lastRequest().header("tracestate"));
    }

    @Test
    void theHuggingFaceRouterIsACustomProviderNameWithTheRoutersAddressAndTheBackendThatServed() {
        assertNull(ask(hfUri("routerPolicy=cheapest"), "Hello").getException());
        SpanData chat = awaitSpan(s -> s.getKind() == SpanKind.CLIENT);
        assertEquals("huggingface", chat.getAttributes().get(GenAi.PROVIDER_NAME));
        assertEquals("chat openai/gpt-oss-120b:cheapest", chat.getName());
        assertEquals("groq", chat.getAttributes().get(AttributeKey.stringKey("camel.inference.backend")));
        assertFalse(chat.getAttributes().asMap().isEmpty());
    }
}
