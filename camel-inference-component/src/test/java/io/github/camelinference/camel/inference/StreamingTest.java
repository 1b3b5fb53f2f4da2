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
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.error.ProviderUnavailableException;
import io.github.camelinference.camel.inference.error.StreamInterruptedException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streams as routes consume them: {@code split(body()).streaming()} over the text deltas. */
class StreamingTest extends SimulatorTestSupport {

    private final List<String> received = new CopyOnWriteArrayList<>();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:stream")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> received.add(e.getMessage().getBody(String.class)))
                        .end();
            }
        };
    }

    private Exchange stream(String uri, String prompt) {
        return template.request("direct:stream", e -> {
            e.getMessage().setBody(prompt);
            e.getMessage().setHeader("target", uri);
        });
    }

    @Test
    void deliversDeltasInOrderThenUsageAndFinishReasonAtTheEnd() {
        openai.enqueue(Reply.sse(fixture("openai_chat_stream_include_usage.sse")).withHeader("x-request-id", "req_s1"));

        Exchange result = stream(openaiUri("stream=true"), "Which ocean?");

        assertNull(result.getException());
        assertEquals(List.of("South", " Atlantic"), received);
        var message = result.getMessage();
        assertEquals("stop", message.getHeader(InferenceConstants.FINISH_REASON));
        assertEquals(22, message.getHeader(InferenceConstants.PROMPT_TOKENS));
        assertEquals(131, message.getHeader(InferenceConstants.COMPLETION_TOKENS));
        assertEquals(128, message.getHeader(InferenceConstants.REASONING_TOKENS));
        assertEquals((22 * 0.25 + 131 * 2.00) / 1e6, message.getHeader(InferenceConstants.COST, Double.class), 1e-12);
        assertEquals("gpt-5-mini-2025-08-07", message.getHeader(InferenceConstants.RESPONSE_MODEL));
        assertEquals("req_s1", message.getHeader(InferenceConstants.REQUEST_ID));
        assertTrue(message.getHeader(InferenceConstants.TIME_TO_FIRST_TOKEN, Long.class) >= 0);
    }

    @Test
    void asksForUsageAndAnEventStream() {
        stream(openaiUri("stream=true"), "Hi");

        var request = openai.lastRequest();
        assertEquals("text/event-stream", request.header("accept"));
        assertTrue(request.json().get("stream").asBoolean());
        assertTrue(request.json().get("stream_options").get("include_usage").asBoolean());
    }

    @Test
    void toleratesTheQuirksOfRealServers() {
        // data: without a space, keep-alive comments, usage in every chunk, eos finish reason, no [DONE]
        openai.enqueue(Reply.rawChunks(
                ": keep-alive\n\n",
                "data:{\"id\":\"\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}],"
                                    + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":0,\"total_tokens\":5}}\n\n",
                "data:{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"},\"token_id\":1}],"
                                                                                                                         + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6},\"time_info\":{}}\n\n",
                ": keep-alive\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"eos\"}],"
                                    + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"));

        Exchange result = stream(openaiUri("stream=true"), "Hi");

        assertNull(result.getException());
        assertEquals(List.of("Hel", "lo"), received);
        assertEquals("eos", result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.COMPLETION_TOKENS));
        assertEquals(7, result.getMessage().getHeader(InferenceConstants.TOTAL_TOKENS));
    }

    @Test
    void aStreamWithoutUsageStillCompletes() {
        Exchange result = stream(openaiUri("stream=true&includeStreamUsage=false"), "Hi there");

        assertNull(result.getException());
        assertEquals("Simulated answer to: Hi there", String.join("", received));
        assertNull(result.getMessage().getHeader(InferenceConstants.TOTAL_TOKENS));
        assertTrue(!openai.lastRequest().json().has("stream_options"));
    }

    @Test
    void aStreamCutMidWayEndsWithATypedErrorNotAShortAnswer() {
        openai.enqueue(Reply.answer().paced(Duration.ofMillis(5)).cutAfterChunks(3));

        Exchange result = stream(openaiUri("stream=true"), "Tell me a long story");

        assertInstanceOf(StreamInterruptedException.class, result.getException());
        // a TCP reset may drop bytes the client had not read yet: what arrived is a prefix, and the error says so
        assertTrue(List.of("Simulated", " answer").subList(0, received.size()).equals(received), received.toString());
        assertNull(result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
    }

    @Test
    void aStreamThatEndsWithoutFinishReasonOrDoneIsInterrupted() {
        openai.enqueue(Reply.sseData("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Half\"}}]}"));

        Exchange result = stream(openaiUri("stream=true"), "Hi");

        StreamInterruptedException e = assertInstanceOf(StreamInterruptedException.class, result.getException());
        assertTrue(e.getMessage().contains("without a finish reason"), e.getMessage());
    }

    @Test
    void aStreamThatStallsMidWayIsEndedByTheIdleTimeout() {
        openai.enqueue(Reply.answer().stallAfterChunks(3));

        Exchange result = stream(openaiUri("stream=true&streamIdleTimeout=300"), "Hi");

        InferenceTimeoutException e = assertInstanceOf(InferenceTimeoutException.class, result.getException());
        assertTrue(e.getMessage().contains("stalled"), e.getMessage());
        // Camel's streaming splitter looks one item ahead, so the delta before the failure is not processed
        assertEquals(List.of("Simulated"), received);
    }

    @Test
    void noFirstTokenWithinTheLimitFailsTheExchangeItselfSoAFallbackCanAct() {
        openai.enqueue(Reply.stall());

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(openaiUri("stream=true&firstTokenTimeout=300"), "Hi"));

        InferenceTimeoutException timeout = assertInstanceOf(InferenceTimeoutException.class, e.getCause());
        assertTrue(timeout.isRetryable() && timeout.isFailoverable());
        assertTrue(timeout.getMessage().contains("first-token timeout of 300 ms"), timeout.getMessage());
    }

    @Test
    void aModelThinkingAloudLongerThanTheFirstTokenTimeoutIsNotTakenForASilentOne() {
        String thinking = "{\"id\":\"r\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-r1\","
                          + "\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"hmm \"},\"finish_reason\":null}]}";
        String answer = "{\"id\":\"r\",\"object\":\"chat.completion.chunk\",\"model\":\"deepseek-r1\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Done\"},\"finish_reason\":\"stop\"}]}";
        // six reasoning deltas 100 ms apart: the first visible token comes after 600 ms, twice the timeout
        huggingface.enqueue(Reply.sseData(thinking, thinking, thinking, thinking, thinking, thinking, answer, "[DONE]")
                .paced(Duration.ofMillis(100)));

        String text = template.requestBody(hfUri("stream=true&aggregateStream=true&firstTokenTimeout=300"
                                                 + "&streamIdleTimeout=2000"),
                "Hi", String.class);

        assertEquals("Done", text);
    }

    @Test
    void anHttpErrorOnAStreamedCallFailsTheExchangeWithTheTypedError() {
        openai.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(openaiUri("stream=true"), "Hi"));

        assertInstanceOf(ProviderUnavailableException.class, e.getCause());
    }

    @Test
    void anErrorEventInsideTheStreamIsATypedErrorWithTheProvidersMessage() {
        huggingface.enqueue(Reply.sseData("{\"error\":{\"message\":\"Backend crashed\"}}"));

        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(hfUri("stream=true"), "Hi"));

        StreamInterruptedException error = assertInstanceOf(StreamInterruptedException.class, e.getCause());
        assertTrue(error.getMessage().contains("Backend crashed"), error.getMessage());
    }

    @Test
    void aggregateStreamGivesOneAnswerWithStreamingsFailureDetection() {
        String answer = template.requestBody(hfUri("stream=true&aggregateStream=true&routerPolicy=together"),
                "Hi there", String.class);
        assertEquals("Simulated answer to: Hi there", answer);

        huggingface.enqueue(Reply.answer().paced(Duration.ofMillis(5)).cutAfterChunks(4));
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody(hfUri("stream=true&aggregateStream=true"), "Hi there"));
        assertInstanceOf(StreamInterruptedException.class, e.getCause());
    }

    @Test
    void aggregatedStreamReportsBackendAndUsage() {
        Exchange result = template.request(hfUri("stream=true&aggregateStream=true&routerPolicy=together"),
                e -> e.getMessage().setBody("one two three"));

        assertEquals("together", result.getMessage().getHeader(InferenceConstants.BACKEND));
        assertEquals(3, result.getMessage().getHeader(InferenceConstants.PROMPT_TOKENS));
        assertEquals(6, result.getMessage().getHeader(InferenceConstants.COMPLETION_TOKENS));
        assertNull(result.getMessage().getHeader(InferenceConstants.COST), "no price known for gpt-oss-120b");
    }

    @Test
    void pricesSetOnTheEndpointGiveTheCostOfAStreamedAnswer() {
        Exchange result = template.request(hfUri("stream=true&aggregateStream=true&inputPrice=0.15&outputPrice=0.60"),
                e -> e.getMessage().setBody("one two three"));

        assertEquals((3 * 0.15 + 6 * 0.60) / 1e6, result.getMessage().getHeader(InferenceConstants.COST, Double.class),
                1e-12);
    }
}
