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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A budget holds under concurrency: each call reserves its maximum cost before it is sent and settles to its real cost
 * after. Prices here are 1 USD per million input and 100 USD per million output tokens, and calls set maxTokens=1000,
 * so one call costs at most 0.1 USD plus its prompt; the provider answers with 1000 output tokens.
 */
class BudgetReservationTest extends SimulatorTestSupport {

    private static final String PRICED = "budgetGuard=#budget&budgetKey=acme&inputPrice=1&outputPrice=100&maxTokens=1000";
    /** The most a "Hello" call can cost: its prompt bound (16 + 8 + "user" + "Hello" = 33 tokens) and 1000 output. */
    private static final double MAX_PER_CALL = (33 * 1.0 + 1000 * 100.0) / 1e6;
    /** What a "Hello" call really costs when the provider reports 10 prompt and 1000 completion tokens. */
    private static final double COST_PER_CALL = (10 * 1.0 + 1000 * 100.0) / 1e6;

    private static final ThreadRecordingStore recording = new ThreadRecordingStore();

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(
            new InMemorySpendStore(), 1.0, BudgetGuard.Window.DAY,
            new BudgetGuardTest.MovableClock(Instant.parse("2026-11-24T10:00:00Z")));

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

    private static String answer(String usage) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"priced-model\",\"choices\":[{"
               + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
               + "\"usage\":" + usage + "}";
    }

    @Test
    void fiftyParallelCallsOverspendAtMostOneCallsMaximum() throws Exception {
        openai.always(Reply.json(200, answer("{\"prompt_tokens\":10,\"completion_tokens\":1000,\"total_tokens\":1010}"))
                .delayed(Duration.ofMillis(300)));

        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(template.asyncSend(openaiUri(PRICED), e -> e.getMessage().setBody("Hello")));
        }
        int answered = 0;
        int refused = 0;
        for (CompletableFuture<Exchange> call : calls) {
            Exchange done = call.get(30, TimeUnit.SECONDS);
            if (done.getException() == null) {
                answered++;
            } else {
                assertTrue(done.getException() instanceof BudgetExceededException, String.valueOf(done.getException()));
                refused++;
            }
        }

        double spent = budget.spent("acme");
        System.out.printf("50 parallel calls against 1 USD: %d answered, %d refused, spent %.6f USD"
                          + " (one call at most %.6f USD)%n",
                answered, refused, spent, MAX_PER_CALL);
        assertEquals(50, answered + refused);
        assertEquals(answered, openai.requestCount(), "refused calls never reach the provider");
        assertEquals(answered * COST_PER_CALL, spent, 1e-9, "every reservation settled to the real cost");
        assertTrue(spent - budget.limitUsd() <= MAX_PER_CALL,
                "overspend " + (spent - budget.limitUsd()) + " USD exceeds one call's maximum " + MAX_PER_CALL);
        assertTrue(answered >= 9, "the budget is still usable: " + answered + " calls answered");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"prompt_tokens\":-1000000,\"completion_tokens\":5}",
            "{\"prompt_tokens\":10,\"completion_tokens\":1000,\"prompt_tokens_details\":{\"cached_tokens\":100000000}}",
            "{\"prompt_tokens\":10,\"completion_tokens\":4294967295}",
            "{\"prompt_tokens\":\"10\",\"completion_tokens\":\"1000\"}",
            "{\"completion_tokens\":1000}",
            "\"lots\"" })
    void aCallWithUnbelievableOrMissingUsageIsChargedItsReservedMaximum(String usage) {
        openai.always(Reply.json(200, answer(usage)));

        Exchange result = template.request(openaiUri(PRICED), e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException());
        assertNull(result.getMessage().getHeader(InferenceConstants.COST), "no cost is claimed from such usage");
        assertEquals(MAX_PER_CALL, budget.spent("acme"), 1e-12, "charged at the reserved maximum");
        assertEquals(MAX_PER_CALL / budget.limitUsd(),
                result.getMessage().getHeader(InferenceConstants.BUDGET_USED, Double.class), 1e-12);
    }

    @Test
    void eachRoundOfAToolLoopIsChargedNotOnlyTheLastAnswer() {
        openai.enqueue(Reply.json(200, "{\"id\":\"c1\",\"model\":\"priced-model\",\"choices\":[{\"index\":0,"
                                       + "\"message\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{"
                                       + "\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":"
                                       + "\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"42\\\"}\"}}]},"
                                       + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,"
                                       + "\"completion_tokens\":10}}"),
                Reply.json(200, answer("{\"prompt_tokens\":40,\"completion_tokens\":8}")));

        Exchange result = template.request(openaiUri(PRICED + "&tools=lookupOrder"),
                e -> e.getMessage().setBody("Where is order 42?"));

        assertNull(result.getException());
        assertEquals(2, openai.requestCount());
        double bothRounds = (20 * 1.0 + 10 * 100.0 + 40 * 1.0 + 8 * 100.0) / 1e6;
        assertEquals(bothRounds, budget.spent("acme"), 1e-12, "the round that called the tool cost money too");
    }

    @Test
    void aStreamCutAfterItStartedStaysChargedAtItsMaximum() {
        openai.enqueue(Reply.answer().paced(Duration.ofMillis(5)).cutAfterChunks(3));

        Exchange result = template.request(openaiUri(PRICED + "&stream=true&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello"));

        assertNotNull(result.getException(), "the cut stream fails the aggregated answer");
        assertEquals(MAX_PER_CALL, budget.spent("acme"), 1e-12, "the provider bills what it generated: unknown here");
    }

    @Test
    void aStreamCutInsideAToolCallStaysChargedAtItsMaximum() {
        // no text at all: the call's fragments are what the model generated, and the provider bills them
        openai.enqueue(Reply.toolCall("lookup_order", "{\"order_id\":\"42\"}").paced(Duration.ofMillis(5))
                .cutAfterChunks(3));

        Exchange result = template.request(openaiUri(PRICED + "&stream=true&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello"));

        assertNotNull(result.getException(), "the cut stream fails the aggregated answer");
        assertEquals(MAX_PER_CALL, budget.spent("acme"), 1e-12, "the provider bills what it generated: unknown here");
    }

    @Test
    void aCallTheProviderRefusesReleasesItsReservation() {
        openai.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        Exchange result = template.request(openaiUri(PRICED), e -> e.getMessage().setBody("Hello"));

        assertNotNull(result.getException());
        assertEquals(0.0, budget.spent("acme"), 1e-12, "a refused call costs nothing");
    }

    @Test
    void aStreamedCallSettlesToItsRealCost() {
        Exchange result = template.request(openaiUri(PRICED + "&stream=true&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException());
        Double cost = result.getMessage().getHeader(InferenceConstants.COST, Double.class);
        assertNotNull(cost);
        assertEquals(cost, budget.spent("acme"), 1e-12);
    }

    /** A spend store that remembers which threads settled reservations (a shared one blocks on the network there). */
    static final class ThreadRecordingStore extends InMemorySpendStore {
        final List<String> settledOn = new CopyOnWriteArrayList<>();

        @Override
        public double settle(String key, String window, double reservedUsd, double actualUsd) {
            settledOn.add(Thread.currentThread().getName());
            return super.settle(key, window, reservedUsd, actualUsd);
        }
    }

    @BindToRegistry("recordingBudget")
    private final BudgetGuard recordingBudget = new BudgetGuard(
            recording, 1000, BudgetGuard.Window.DAY,
            Clock.systemUTC());

    @Test
    void reservationsSettleOnTheRoutePoolNeverOnAnHttpClientThread() {
        String uri = "budgetGuard=#recordingBudget&budgetKey=threads&maxTokens=1000";
        assertNull(template.request(openaiUri(uri), e -> e.getMessage().setBody("Hello")).getException());
        assertNull(template.request(openaiUri(uri + "&stream=true&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello")).getException());
        assertEquals(2, recording.settledOn.size());
        assertTrue(recording.settledOn.stream().noneMatch(name -> name.startsWith("httpclient-")),
                String.valueOf(recording.settledOn));
    }
}
