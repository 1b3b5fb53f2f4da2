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
package io.github.camelinference.camel.inference.routes.failover;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.CallCancelledException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.ProviderUnavailableException;
import io.github.camelinference.camel.inference.error.StreamInterruptedException;
import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.ReasoningDelta;
import io.github.camelinference.camel.inference.stream.StreamContinuation;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the failover step does, against three simulators (OpenAI, the Hugging Face router, a local server). Each case
 * runs twice: on routes written in Java DSL ({@link FailoverStepJavaTest}) and in YAML ({@link FailoverStepYamlTest}).
 */
abstract class FailoverStepContract extends InferenceTestSupport {

    static final String PRIMARY_KEY = "sk-canary-STEP-PRIMARY-0123456789abcdef";
    static final String FALLBACK_KEY = "hf_canary-STEP-FALLBACK-0123456789abcd";
    static final String ANSWER = "Simulated answer to: Hello";
    private static final String OVERLOADED = "{\"error\":{\"message\":\"The engine is currently overloaded\","
                                             + "\"type\":\"server_error\"}}";
    private static final String RATE_LIMITED = "{\"error\":{\"message\":\"Rate limit reached for requests\","
                                               + "\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";

    private static final Duration PACE = Duration.ofMillis(30);

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator primary;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator fallback;
    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator third;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("primary.url", primary.baseUrl());
        properties.put("primary.apiKey", PRIMARY_KEY);
        properties.put("fallback.url", fallback.baseUrl());
        properties.put("fallback.apiKey", FALLBACK_KEY);
        properties.put("third.url", third.baseUrl());
        return properties;
    }

    Exchange call(String route, String prompt) {
        return template.request("direct:" + route, e -> e.getMessage().setBody(prompt));
    }

    InferenceFailover step(String name) {
        return context.getRegistry().lookupByNameAndType(name, InferenceFailover.class);
    }

    CircuitBreaker breaker(String step, int target) {
        return List.copyOf(step(step).getCircuitBreakers().values()).get(target);
    }

    private static final String ORDER_42 = "{\"order_id\":\"42\"}";

    /** Asks with a function tool passed through in the request: the caller runs it, so its calls are streamed. */
    Exchange callWithTools(String route) {
        return template.request("direct:" + route, e -> e.getMessage().setBody(ChatRequest.of(
                ChatMessage.user("Where is order 42?")).extra("tools",
                        List.of(Map.of("type", "function",
                                "function", Map.of("name", "lookup_order", "parameters", Map.of("type", "object")))))));
    }

    /** What a relay (a gateway's SSE writer) gets from a streamed body, in order, and how it ended. */
    static final class Recorder implements ChatStream.Sink {
        final List<Object> items = new CopyOnWriteArrayList<>();
        final CompletableFuture<Object> ended = new CompletableFuture<>();

        static Recorder of(Exchange result) {
            Recorder sink = new Recorder();
            assertInstanceOf(ChatStream.class, result.getMessage().getBody()).forwardTo(sink);
            return sink;
        }

        List<ToolCallDelta> fragments() {
            return items.stream().filter(ToolCallDelta.class::isInstance).map(ToolCallDelta.class::cast).toList();
        }

        @Override
        public void token(String text) {
            items.add(text);
        }

        @Override
        public void toolCall(ToolCallDelta delta) {
            items.add(delta);
        }

        @Override
        public void continued(StreamContinuation continuation) {
            items.add(continuation);
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

    /** Reads a streamed body to its end, as a splitter would. */
    static String read(Exchange exchange) {
        ChatStream stream = assertInstanceOf(ChatStream.class, exchange.getMessage().getBody());
        StringBuilder text = new StringBuilder();
        while (stream.hasNext()) {
            text.append(stream.next());
        }
        return text.toString();
    }

    private static long millisBetween(RecordedRequest first, RecordedRequest second) {
        return (second.receivedAtNanos() - first.receivedAtNanos()) / 1_000_000;
    }

    /** The step's readiness check, as Camel Main and Spring Boot's actuator read it. */
    HealthCheck.Result health(String route) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        return registry.stream().filter(check -> check.getId().startsWith("inference-failover-")
                && check.getId().contains(route))
                .findFirst().orElseThrow(() -> new AssertionError(
                        "no health check for " + route
                                                                  + " in " + registry.getCheckIDs()))
                .callReadiness();
    }

    @Test
    void aHealthyPrimaryAnswersAlone() {
        Exchange result = call("chat", "Hello");
        assertEquals(HealthCheck.State.UP, health("chat").getState());

        assertNull(result.getException());
        Message message = result.getMessage();
        assertEquals(ANSWER, message.getBody());
        assertEquals("openai", message.getHeader(InferenceConstants.PROVIDER));
        assertEquals(false, message.getHeader(FailoverConstants.FALLBACK_USED));
        assertEquals(false, message.getHeader(FailoverConstants.HEDGED));
        assertEquals(1, message.getHeader(InferenceConstants.ATTEMPTS));
        assertEquals(0, fallback.requestCount());
    }

    @Test
    void aShortRetryAfterIsWaitedOnTheSameTarget() {
        primary.enqueue(Reply.json(429, RATE_LIMITED).withHeader("retry-after-ms", "300"));

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(2, primary.requestCount());
        assertTrue(millisBetween(primary.requests().get(0), primary.requests().get(1)) >= 290,
                "the retry waited for Retry-After");
        assertEquals(0, fallback.requestCount());
    }

    @Test
    void aRetryAfterBeyondTheCapGoesToTheNextTargetAtOnce() {
        primary.always(Reply.json(429, RATE_LIMITED).withHeader("retry-after", "3600"));
        long start = System.nanoTime();

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals(1, primary.requestCount(), "an hour's wait is beyond maxRetryAfter (1 s): not retried");
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(true, result.getMessage().getHeader(FailoverConstants.FALLBACK_USED));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5_000);
    }

    @Test
    void a500OnceIsRetriedOnTheSameTarget() {
        primary.enqueue(Reply.json(500, OVERLOADED));

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(2, primary.requestCount());
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
    }

    @Test
    void aPersistent503IsRetriedThenTheFallbackAnswersAndSaysSo() {
        primary.always(Reply.json(503, OVERLOADED));

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals(3, primary.requestCount(), "one call and two retries");
        assertEquals(1, fallback.requestCount());
        Message message = result.getMessage();
        assertEquals("huggingface", message.getHeader(InferenceConstants.PROVIDER));
        assertEquals("openai/gpt-oss-120b", message.getHeader(InferenceConstants.RESPONSE_MODEL));
        assertEquals("huggingface/openai/gpt-oss-120b", message.getHeader(FailoverConstants.TARGET));
        assertEquals(true, message.getHeader(FailoverConstants.FALLBACK_USED));
        assertEquals(4, message.getHeader(InferenceConstants.ATTEMPTS));
    }

    @Test
    void aConnectionResetIsRetriedThenFailedOver() {
        primary.always(Reply.reset());

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals(3, primary.requestCount());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aProviderSilentUntilItHangsUpIsATimeoutNotRetried() {
        primary.always(Reply.reset().delayed(Duration.ofMillis(1_200)));

        Exchange result = call("chat", "Hello");

        assertNull(result.getException());
        assertEquals(1, primary.requestCount(), "a long silence then a hang-up is a timeout: not waited on again");
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aSlowFirstTokenGoesToTheNextTarget() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(3_000)));

        Exchange result = call("split", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, read(result));
        assertEquals(1, primary.requestCount(), "a first-token timeout is not retried");
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aCutStreamIsAFailureInAggregatedMode() {
        primary.always(cutAfterTwoWords());

        Exchange result = call("aggregated", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, result.getMessage().getBody());
        assertEquals(3, primary.requestCount(), "a cut stream is retryable");
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(3, breaker("aggregatedFailover", 0).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void aStalledStreamIsAFailureInAggregatedMode() {
        primary.always(Reply.answer().paced(PACE).stallAfterChunks(3));

        Exchange result = call("aggregated", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, result.getMessage().getBody());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertTrue(breaker("aggregatedFailover", 0).getMetrics().getNumberOfFailedCalls() >= 1);
    }

    @Test
    void aMalformedChunkIsAFailureInAggregatedMode() {
        primary.always(Reply.sseData(chunk("Simulated"), "{not json", chunk(" answer"), "[DONE]"));

        Exchange result = call("aggregated", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, result.getMessage().getBody());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aStreamCutMidWayIsContinuedOnTheNextTargetInSplitMode() {
        primary.always(cutAfterTwoWords());

        Exchange result = call("split", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, read(result), "nothing lost, nothing repeated");
        Message message = result.getMessage();
        assertEquals("huggingface/openai/gpt-oss-120b", message.getHeader(FailoverConstants.CONTINUED_ON));
        RecordedRequest continuation = fallback.lastRequest();
        var messages = continuation.json().path("messages");
        var last = messages.get(messages.size() - 1);
        assertEquals("assistant", last.path("role").asText(), "the text so far, as a prefill");
        assertEquals("Simulated answer", last.path("content").asText());
        assertEquals(1, breaker("splitFailover", 0).getMetrics().getNumberOfFailedCalls(),
                "the cut counts against the primary");
        assertEquals(1, breaker("splitFailover", 1).getMetrics().getNumberOfSuccessfulCalls());
    }

    @Test
    void aStalledStreamIsContinuedOnTheNextTargetInSplitMode() {
        primary.always(Reply.answer().paced(PACE).stallAfterChunks(3));

        Exchange result = call("split", "Hello");

        assertEquals(ANSWER, read(result));
        assertEquals(1, breaker("splitFailover", 0).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void aMalformedChunkIsContinuedOnTheNextTargetInSplitMode() {
        primary.always(Reply.sseData(chunk("Simulated"), chunk(" answer"), "{not json", chunk(" to:"), "[DONE]").paced(PACE));

        Exchange result = call("split", "Hello");

        assertEquals(ANSWER, read(result));
        assertEquals(1, breaker("splitFailover", 0).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void aFallbackThatRejectsPrefillIsAskedToContinueByInstruction() {
        primary.always(cutAfterTwoWords());
        fallback.rejectPrefill(true);

        Exchange result = call("split", "Hello");

        assertEquals(ANSWER, read(result));
        assertEquals(2, fallback.requestCount(), "the prefill, refused, then the instruction");
        var messages = fallback.lastRequest().json().path("messages");
        assertEquals("user", messages.get(messages.size() - 1).path("role").asText());
        assertEquals("Simulated answer", messages.get(messages.size() - 2).path("content").asText());
        assertEquals(0, breaker("splitFailover", 1).getMetrics().getNumberOfFailedCalls(),
                "a refused prefill says nothing about the fallback's health");
    }

    @Test
    void aStreamThatNoTargetCanContinueEndsWithTheErrorNotAShortAnswer() {
        primary.always(cutAfterTwoWords());
        fallback.always(Reply.json(503, OVERLOADED));

        Exchange result = call("split", "Hello");

        ChatStream stream = (ChatStream) result.getMessage().getBody();
        assertEquals("Simulated", stream.next());
        assertEquals(" answer", stream.next());
        assertThrows(StreamInterruptedException.class, stream::hasNext);
    }

    @Test
    void aStreamThatFailsWhileItsFirstTokensAreHeldBackRestartsCleanlyOnTheNextTarget() {
        primary.always(cutAfterTwoWords()); // two words, fewer than the three held back

        Exchange result = call("heldBack", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, read(result));
        var messages = fallback.lastRequest().json().path("messages");
        assertEquals("user", messages.get(messages.size() - 1).path("role").asText(),
                "nothing reached the caller: the fallback answers afresh, no prefill");
        assertNull(result.getMessage().getHeader(FailoverConstants.CONTINUED_ON));
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aStreamPastItsHoldBackIsCommittedToItsTarget() {
        Exchange result = call("heldBack", "Hello");

        assertEquals(ANSWER, read(result));
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(1, breaker("heldBackFailover", 0).getMetrics().getNumberOfSuccessfulCalls());
    }

    @Test
    void reasoningItemsAreRelayedApartFromTheAnswer() {
        primary.always(Reply.sseData(delta("reasoning_content", "Let me think."), delta("content", "Hi"),
                delta("content", " there"), FINISH, "[DONE]"));

        Exchange result = call("reasoning", "Hello");

        ChatStream stream = assertInstanceOf(ChatStream.class, result.getMessage().getBody());
        List<Object> items = new ArrayList<>();
        stream.forEachRemaining(items::add);
        assertEquals(List.of(new ReasoningDelta("Let me think."), "Hi", " there"), items);
    }

    @Test
    void aContinuationIsAnnouncedInTheStreamBeforeTheTextThatFollows() throws Exception {
        primary.always(cutAfterTwoWords());

        Exchange result = call("split", "Hello");

        Recorder sink = Recorder.of(result);
        assertInstanceOf(ChatResponse.class, sink.ended.get(10, TimeUnit.SECONDS));
        String continuedOn = result.getMessage().getHeader(FailoverConstants.CONTINUED_ON, String.class);
        assertEquals(List.of("Simulated", " answer",
                new StreamContinuation(continuedOn, "huggingface", "openai/gpt-oss-120b"), " to:", " Hello"),
                sink.items, "a relay hears who goes on before the first word that is theirs");
    }

    @Test
    void toolCallFragmentsArePassedOnAsTheyComeAndTheResponseHoldsTheCall() throws Exception {
        primary.always(Reply.toolCall("lookup_order", ORDER_42).paced(PACE));

        Exchange result = callWithTools("split");

        Recorder sink = Recorder.of(result);
        ChatResponse response = assertInstanceOf(ChatResponse.class, sink.ended.get(10, TimeUnit.SECONDS));
        assertTrue(sink.fragments().size() > 2, "the call came in fragments: " + sink.items);
        assertEquals(ORDER_42, String.join("", sink.fragments().stream().map(ToolCallDelta::arguments).toList()));
        assertEquals(ORDER_42, response.toolCalls().get(0).at("/function/arguments").asText());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aStreamCutInsideAToolCallIsNotContinuedAndEndsWithTheError() throws Exception {
        // the call opened and two argument fragments reached the caller: text cannot finish them
        primary.always(Reply.toolCall("lookup_order", ORDER_42).paced(PACE).cutAfterChunks(3));

        Exchange result = callWithTools("split");

        Recorder sink = Recorder.of(result);
        assertInstanceOf(InferenceException.class, sink.ended.get(10, TimeUnit.SECONDS),
                "the caller hears the break, never a whole-looking call");
        assertEquals(3, sink.fragments().size(), sink.items.toString());
        assertEquals(0, fallback.requestCount(), "no continuation was tried");
        assertEquals(1, breaker("splitFailover", 0).getMetrics().getNumberOfFailedCalls(),
                "the cut counts against the primary");
    }

    @Test
    void aToolCallThatBreaksWhileHeldBackRestartsCleanlyOnTheNextTarget() throws Exception {
        // the call opened and one fragment, fewer than the three held back: nothing reached the caller yet
        primary.always(Reply.toolCall("lookup_order", ORDER_42).paced(PACE).cutAfterChunks(2));
        fallback.always(Reply.toolCall("lookup_order", ORDER_42));

        Exchange result = callWithTools("heldBack");

        Recorder sink = Recorder.of(result);
        assertInstanceOf(ChatResponse.class, sink.ended.get(10, TimeUnit.SECONDS));
        assertEquals(1, sink.fragments().stream().filter(fragment -> fragment.id() != null).count(),
                "one call, opened once: " + sink.items);
        assertEquals(ORDER_42, String.join("", sink.fragments().stream().map(ToolCallDelta::arguments).toList()));
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertNull(result.getMessage().getHeader(FailoverConstants.CONTINUED_ON));
    }

    @Test
    void aPrimaryThatGoesDownOpensItsBreakerIsProbedOnceAndClosesWhenBack() throws Exception {
        primary.always(Reply.json(503, OVERLOADED));
        call("chat", "Hello");
        call("chat", "Hello");
        assertEquals(CircuitBreaker.State.OPEN, breaker("chatFailover", 0).getState(), "4 failures of 4 calls");
        assertEquals(4, primary.requestCount(), "3 calls for the first exchange; the breaker opens at the 4th");

        Exchange whileOpen = call("chat", "Hello");
        assertEquals("huggingface", whileOpen.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(4, primary.requestCount(), "an open breaker skips its target without a try");

        Thread.sleep(600); // waitDurationInOpenState 500 ms
        Exchange failedProbe = call("chat", "Hello");
        assertEquals("huggingface", failedProbe.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(5, primary.requestCount(), "a half-open trial is one call, not one call plus retries");
        assertEquals(CircuitBreaker.State.OPEN, breaker("chatFailover", 0).getState());

        primary.reset();
        Thread.sleep(600);
        Exchange probe = call("chat", "Hello");
        assertEquals("openai", probe.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(CircuitBreaker.State.CLOSED, breaker("chatFailover", 0).getState());
        assertEquals("CLOSED", step("chatFailover").getBreakerStates().get("openai"));
    }

    @Test
    void threeTargetsWithTheFirstTwoDown() {
        primary.always(Reply.json(503, OVERLOADED));
        fallback.always(Reply.reset());

        Exchange result = call("three", "Hello");

        assertNull(result.getException());
        assertEquals(ANSWER, result.getMessage().getBody());
        assertEquals("local", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("local/qwen3-8b", result.getMessage().getHeader(FailoverConstants.TARGET));
        assertEquals(7, result.getMessage().getHeader(InferenceConstants.ATTEMPTS), "3 + 3 + 1");
    }

    @Test
    void everyBreakerOpenFailsAtOnceWithoutCallingAnyone() {
        primary.always(Reply.json(503, OVERLOADED));
        fallback.always(Reply.json(503, OVERLOADED));
        call("chat", "Hello");
        call("chat", "Hello");
        int calls = primary.requestCount() + fallback.requestCount();
        assertEquals(CircuitBreaker.State.OPEN, breaker("chatFailover", 1).getState());

        Exchange result = call("chat", "Hello");

        ProviderUnavailableException error = assertInstanceOf(ProviderUnavailableException.class,
                result.getException());
        assertTrue(error.getMessage().contains("every circuit breaker is open"), error.getMessage());
        assertEquals(calls, primary.requestCount() + fallback.requestCount());
        assertEquals(HealthCheck.State.DOWN, health("chat").getState(), "no target can take a call: not ready");
        assertEquals("OPEN", health("chat").getDetails().get("breaker.openai"));
    }

    @Test
    void canTakeCallTurnsTrueWhenAnOpenBreakersWaitIsOverWithoutWaitingForACall() throws Exception {
        primary.always(Reply.json(503, OVERLOADED));
        fallback.always(Reply.json(503, OVERLOADED));
        call("chat", "Hello");
        call("chat", "Hello");
        InferenceFailover step = step("chatFailover");
        assertFalse(step.canTakeCall(), "both breakers open: " + step.getBreakerStates());
        int calls = primary.requestCount() + fallback.requestCount();

        // a paused consumer only asks; nothing calls the step (waitDurationInOpenState 500 ms)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!step.canTakeCall() && System.nanoTime() - deadline < 0) {
            Thread.sleep(50);
        }

        assertTrue(step.canTakeCall(), "an open breaker whose wait is over lets a trial call through");
        assertEquals("HALF_OPEN", step.getBreakerStates().get("openai"));
        assertEquals(calls, primary.requestCount() + fallback.requestCount(), "asking made no call");
    }

    @Test
    void anExceptionFromTheRoutesOwnStepIsNotAProviderFailure() {
        Exchange result = call("userStep", "Hello");

        IllegalStateException error = assertInstanceOf(IllegalStateException.class, result.getException());
        assertEquals("the route's own step failed", error.getMessage());
        assertEquals(0, fallback.requestCount(), "another provider cannot fix the route's own step");
        assertEquals(0, breaker("userStepFailover", 0).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void anInvalidRequestReachesTheCallerUnchangedAndLeavesTheBreakerAlone() {
        primary.always(Reply.json(400, "{\"error\":{\"message\":\"Unsupported value: 'temperature'\","
                                       + "\"type\":\"invalid_request_error\",\"code\":\"unsupported_value\"}}"));

        Exchange result = call("chat", "Hello");

        assertEquals("InvalidRequestException", result.getException().getClass().getSimpleName());
        assertEquals(1, primary.requestCount());
        assertEquals(0, fallback.requestCount());
        assertEquals(0, breaker("chatFailover", 0).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void aSlowPrimaryIsHedgedAndTheFirstAnswerWins() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(4_000)));
        long start = System.nanoTime();

        Exchange result = call("hedged", "Hello");

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNull(result.getException());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(true, result.getMessage().getHeader(FailoverConstants.HEDGED));
        assertTrue(millis < 3_000, "answered by the hedge, not after the primary's 4 s: " + millis + " ms");
        assertEquals(0, breaker("hedgedFailover", 0).getMetrics().getNumberOfFailedCalls(),
                "the loser was dropped, not failed");
    }

    @Test
    void theStepsRequestTimeoutHoldsForEveryTargetAndStaysOnTheStep() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(4_000)));
        long start = System.nanoTime();

        Exchange result = call("timed", "Hello");

        long millis = (System.nanoTime() - start) / 1_000_000;
        assertNull(result.getException());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertTrue(millis < 3_000, "the primary timed out after the step's 400 ms, not its own: " + millis + " ms");
        assertEquals(1, primary.requestCount(), "a timeout is not retried");
        assertNull(result.getMessage().getHeader(InferenceConstants.REQUEST_TIMEOUT),
                "the answer does not carry the step's timeout to later steps of the route");
    }

    @Test
    void aCallersOwnRequestTimeoutHeaderWinsOverTheSteps() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(700)));

        Exchange result = template.request("direct:timed", e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader(InferenceConstants.REQUEST_TIMEOUT, 5_000L);
        });

        assertNull(result.getException());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void noHedgeWhenThePrimaryAnswersInTime() {
        call("hedged", "warm-up"); // the first call of a context sets up its connection: not what is measured here
        fallback.reset();

        Exchange result = call("hedged", "Hello");

        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(false, result.getMessage().getHeader(FailoverConstants.HEDGED));
        assertEquals(0, fallback.requestCount());
    }

    @Test
    void aCallerCancellationBeforeTheFirstTokenAbortsTheCallAndTriesNoOtherTarget() throws Exception {
        primary.always(Reply.stall());

        Exchange result = cancelWhenSent("three", primary);

        assertCancelled(result);
        awaitNoConnectionInUse();
        assertEquals(1, primary.requestCount(), "no retry");
        assertEquals(0, fallback.requestCount() + third.requestCount(), "no next target");
        assertBreakerUntouched(breaker("threeFailover", 0));
    }

    @Test
    void aCallerCancellationAbortsAStreamThatHasNotStarted() throws Exception {
        primary.always(Reply.stall());

        Exchange result = cancelWhenSent("heldBack", primary);

        assertCancelled(result);
        awaitNoConnectionInUse();
        assertEquals(1, primary.requestCount(), "no retry");
        assertEquals(0, fallback.requestCount(), "no next target");
        assertBreakerUntouched(breaker("heldBackFailover", 0));
    }

    @Test
    void aCallerCancellationAbortsEveryAttemptOfAHedge() throws Exception {
        primary.always(Reply.stall());
        fallback.always(Reply.stall());

        Exchange result = cancelWhenSent("hedged", fallback); // the hedge is out: both attempts are in flight

        assertCancelled(result);
        awaitNoConnectionInUse();
        assertEquals(1, primary.requestCount());
        assertEquals(1, fallback.requestCount());
        assertBreakerUntouched(breaker("hedgedFailover", 0));
        assertBreakerUntouched(breaker("hedgedFailover", 1));
    }

    /** Sends a call, cancels it the way a gateway does once the given provider has its request, returns the result. */
    private Exchange cancelWhenSent(String route, ProviderSimulator provider) throws Exception {
        Exchange exchange = context.getEndpoint("direct:" + route).createExchange();
        exchange.getMessage().setBody("Hello");
        CompletableFuture<Exchange> done = template.asyncSend("direct:" + route, exchange);
        awaitUntil(() -> provider.requestCount() == 1);
        assertEquals(1, provider.requestCount(), "the call reached the provider");
        assertFalse(done.isDone(), "the call is still waiting for its first token");

        ((Runnable) exchange.getProperty(InferenceConstants.CANCEL_PROPERTY)).run();

        return done.get(10, TimeUnit.SECONDS);
    }

    private static void assertCancelled(Exchange result) {
        InferenceException error = assertInstanceOf(CallCancelledException.class, result.getException());
        assertTrue(error.getMessage().contains("cancelled by its caller"), error.getMessage());
    }

    /** A cancelled call says nothing about its target's health: neither a success nor a failure is recorded. */
    private static void assertBreakerUntouched(CircuitBreaker breaker) {
        assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
        assertEquals(0, breaker.getMetrics().getNumberOfBufferedCalls(), "calls recorded: " + breaker.getMetrics());
    }

    /** The aborted calls' connections are closed and handed back, long before any timeout would end them. */
    private void awaitNoConnectionInUse() throws InterruptedException {
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        awaitUntil(() -> component.getConnectionStats().leased() == 0);
        assertEquals(0, component.getConnectionStats().leased(), "connections in use: "
                                                                 + component.getConnectionStats());
    }

    /** Polls with a generous deadline: a loaded machine may be slow, a call that was not aborted never gets there. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /**
     * The role delta and two words, then a reset. Paced: a reset discards what the client has not read yet, so without
     * a pause the words could vanish with it and the stream would fail before its first token.
     */
    static Reply cutAfterTwoWords() {
        return Reply.answer().paced(PACE).cutAfterChunks(3);
    }

    private static final String FINISH = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-5-mini\","
                                         + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    /** One stream chunk whose delta carries one field, e.g. content or reasoning_content. */
    static String delta(String field, String text) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,"
               + "\"delta\":{\"" + field + "\":\"" + text + "\"},\"finish_reason\":null}]}";
    }

    /** One OpenAI stream chunk carrying a text delta. */
    static String chunk(String text) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,"
               + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}";
    }
}
