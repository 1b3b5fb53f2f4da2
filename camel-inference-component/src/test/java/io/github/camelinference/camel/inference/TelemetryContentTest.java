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

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.camel.inference.telemetry.CallTarget;
import io.github.camelinference.camel.inference.telemetry.GenAi;
import io.github.camelinference.simulator.Reply;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What spans and metrics may carry: never an API key; the prompt and the answer only with captureContent, cut at
 * captureContentMaxChars.
 */
class TelemetryContentTest extends TelemetryTestSupport {

    private static final String PROMPT = "Canary prompt about order 4711 of Mrs Example";
    private static final String TOOL_ARGUMENT_SECRET = "order-canary-9876";

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("{\"status\":\"canary tool result\"}"));
            }
        };
    }

    private Exchange ask(String uri) {
        return template.request(uri, e -> e.getMessage().setBody(PROMPT));
    }

    /** Every string a span, an event or a metric point carries: names, attribute values, event attributes. */
    private List<String> everythingRecorded() {
        List<String> all = new ArrayList<>();
        for (SpanData span : spans.getFinishedSpanItems()) {
            all.add(span.getName());
            all.add(span.getStatus().getDescription());
            addAll(all, span.getAttributes());
            addAll(all, span.getResource().getAttributes());
            span.getEvents().forEach(e -> {
                all.add(e.getName());
                addAll(all, e.getAttributes());
            });
        }
        for (MetricData metric : metrics.collectAllMetrics()) {
            all.add(metric.getName());
            metric.getData().getPoints().forEach(p -> addAll(all, p.getAttributes()));
        }
        return all;
    }

    private static void addAll(List<String> all, Attributes attributes) {
        attributes.forEach((key, value) -> {
            all.add(key.getKey());
            all.add(String.valueOf(value));
        });
    }

    @Test
    void noSpanEventOrMetricCarriesTheApiKeyAndWithoutCaptureContentNoneCarriesThePromptOrTheAnswer() {
        // a plain call, a stream, a tool loop, and a provider error that echoes the key and the prompt
        assertNull(ask(openaiUri("")).getException());
        assertNull(ask(openaiUri("stream=true&aggregateStream=true")).getException());
        openai.enqueue(Reply.toolCall("lookup_order", "{\"order_id\":\"" + TOOL_ARGUMENT_SECRET + "\"}"),
                Reply.answer());
        assertNull(ask(openaiUri("tools=lookupOrder")).getException());
        openai.enqueue(Reply.json(400, "{\"error\":{\"message\":\"bad key " + OPENAI_KEY + " for prompt " + PROMPT
                                       + "\",\"type\":\"invalid_request_error\"}}"));
        ask(openaiUri(""));
        awaitSpans(s -> s.getName().startsWith("chat "), 5);

        List<String> recorded = everythingRecorded();
        assertTrue(recorded.size() > 50, "the check looked at something: " + recorded.size());
        for (String value : recorded) {
            assertFalse(String.valueOf(value).contains(OPENAI_KEY), "the API key in " + value);
            assertFalse(String.valueOf(value).contains("canary-0123456789"), "part of the key in " + value);
            assertFalse(String.valueOf(value).contains("Canary prompt"), "the prompt in " + value);
            assertFalse(String.valueOf(value).contains("Simulated answer"), "the answer in " + value);
            assertFalse(String.valueOf(value).contains(TOOL_ARGUMENT_SECRET), "a tool argument in " + value);
            assertFalse(String.valueOf(value).contains("canary tool result"), "a tool result in " + value);
        }
    }

    @Test
    void withCaptureContentThePromptAndTheAnswerAreOnTheSpanAsTheConventionsJsonButNeverTheKey() {
        assertNull(ask(openaiUri("captureContent=true&systemPrompt=Be brief")).getException());

        SpanData chat = awaitSpan(named("chat gpt-5-mini"));
        assertEquals("[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief\"}]},"
                     + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"" + PROMPT + "\"}]}]",
                chat.getAttributes().get(GenAi.INPUT_MESSAGES));
        assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Simulated answer to: "
                     + PROMPT + "\"}],\"finish_reason\":\"stop\"}]",
                chat.getAttributes().get(GenAi.OUTPUT_MESSAGES));
        assertNull(chat.getAttributes().get(GenAi.CONTENT_TRUNCATED));
        everythingRecorded().forEach(v -> assertFalse(v.contains(OPENAI_KEY)));
    }

    @Test
    void captureContentIsCutAtItsLimitKeepingTheJsonWhole() {
        assertNull(ask(openaiUri("captureContent=true&captureContentMaxChars=6")).getException());

        SpanData chat = awaitSpan(named("chat gpt-5-mini"));
        assertEquals("[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"Canary\"}]}]",
                chat.getAttributes().get(GenAi.INPUT_MESSAGES));
        assertEquals("[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Simula\"}],"
                     + "\"finish_reason\":\"stop\"}]",
                chat.getAttributes().get(GenAi.OUTPUT_MESSAGES));
        assertEquals(Boolean.TRUE, chat.getAttributes().get(GenAi.CONTENT_TRUNCATED));
    }

    @Test
    void aCaptureLimitBelowZeroOrAbsurdlyLargeIsRefusedAtStart() {
        for (String max : List.of("-1", "1000001")) {
            Exception e = assertThrows(Exception.class,
                    () -> context.getEndpoint(openaiUri("captureContent=true&captureContentMaxChars=" + max)));
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains("captureContentMaxChars must be between 0 and 1000000"),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("was " + max), cause.getMessage());
        }
    }

    @Test
    void theProviderNameFollowsTheConventionsAndTheRouterIsNamedByItsAddress() {
        CallTarget router = CallTarget.of("HUGGINGFACE", "huggingface", URI.create("https://router.huggingface.co/v1"),
                null, false, 0);
        assertEquals("huggingface", router.providerName());
        assertEquals("router.huggingface.co", router.serverAddress());
        assertEquals(443, router.serverPort());
        assertEquals(GenAi.PROVIDER_OPENAI, CallTarget.of("OPENAI", "openai", URI.create("https://api.openai.com/v1"),
                null, false, 0).providerName());
        assertEquals("azure.ai.openai", CallTarget.of("AZURE_OPENAI", "azure",
                URI.create("https://acme.openai.azure.com/openai/v1"), null, false, 0).providerName());
        CallTarget local = CallTarget.of("OPENAI_COMPATIBLE", "ollama", URI.create("http://localhost:11434/v1"), null,
                false, 0);
        assertEquals("ollama", local.providerName());
        assertEquals(11434, local.serverPort());
    }
}
