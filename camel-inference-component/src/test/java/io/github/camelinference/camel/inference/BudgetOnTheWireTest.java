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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a budget guard, what a call may spend is bounded on the wire: a call that sets no maxTokens asks the provider
 * for at most the output it reserved ({@code budgetOutputTokens}), and usage claiming more than a call asked for is not
 * believed: the call stays charged at its reservation.
 */
class BudgetOnTheWireTest extends SimulatorTestSupport {

    /** gpt-5-mini's built-in prices; the "Hello" prompt's bound is 33 tokens, the default output reserve 32768. */
    private static final double RESERVED_PER_CALL = Prices.GPT_5_MINI.maxCost(33, 32768);

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(
            new InMemorySpendStore(), 1.0, BudgetGuard.Window.DAY,
            Clock.systemUTC());

    private static String answer(int completionTokens) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-5-mini-2025-08-07\","
               + "\"choices\":[{"
               + "\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
               + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":" + completionTokens + ",\"total_tokens\":"
               + (10 + completionTokens) + "}}";
    }

    @Test
    void twentyParallelCallsAgainstAProviderClaimingHalfAMillionTokensEachSpendAtMostOneReservationPastTheLimit()
            throws Exception {
        // each answer claims 500,000 output tokens: 1 USD at gpt-5-mini's price, the whole budget per call
        openai.always(Reply.json(200, answer(500_000)).delayed(Duration.ofMillis(200)));

        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(template.asyncSend(openaiUri("budgetGuard=#budget&budgetKey=acme"),
                    e -> e.getMessage().setBody("Hello")));
        }
        int answered = 0;
        for (CompletableFuture<Exchange> call : calls) {
            Exchange done = call.get(30, TimeUnit.SECONDS);
            if (done.getException() == null) {
                answered++;
                assertNull(done.getMessage().getHeader(InferenceConstants.COST), "no cost is claimed from such usage");
                assertNull(done.getMessage().getHeader(InferenceConstants.COMPLETION_TOKENS));
            } else {
                assertTrue(done.getException() instanceof BudgetExceededException, String.valueOf(done.getException()));
            }
        }

        double spent = budget.spent("acme");
        System.out.printf("20 parallel calls claiming 500,000 tokens each against 1 USD: %d answered, spent %.6f USD"
                          + " (one reservation %.6f USD)%n",
                answered, spent, RESERVED_PER_CALL);
        assertTrue(answered >= 1, "the budget is still usable");
        assertEquals(answered, openai.requestCount(), "refused calls never reach the provider");
        assertEquals(answered * RESERVED_PER_CALL, spent, 1e-9, "each answered call charged at its reservation");
        assertTrue(spent <= budget.limitUsd() + RESERVED_PER_CALL, "spent " + spent + " USD");
        for (RecordedRequest request : openai.requests()) {
            assertEquals(32768, request.json().path("max_completion_tokens").asInt(),
                    "the provider was told the reserved maximum: " + request.body());
        }
    }

    @Test
    void aBudgetedCallWithoutMaxTokensAsksEachProviderInItsOwnFieldForWhatItReserved() {
        template.requestBody(openaiUri("budgetGuard=#budget&budgetOutputTokens=500"), "Hello");
        template.requestBody(hfUri("budgetGuard=#budget&budgetOutputTokens=500"), "Hello");
        template.requestBody(openaiUri("budgetGuard=#budget&budgetOutputTokens=500&stream=true&aggregateStream=true"),
                "Hello");

        JsonNode toOpenAi = openai.requests().get(0).json();
        assertEquals(500, toOpenAi.path("max_completion_tokens").asInt());
        assertFalse(toOpenAi.has("max_tokens"));
        JsonNode toRouter = huggingface.lastRequest().json();
        assertEquals(500, toRouter.path("max_tokens").asInt());
        assertFalse(toRouter.has("max_completion_tokens"));
        assertEquals(500, openai.lastRequest().json().path("max_completion_tokens").asInt(), "streamed too");
    }

    @Test
    void maxTokensSetOnTheMessageIsWhatIsSentAndReserved() {
        openai.always(Reply.json(200, answer(80)));

        Exchange result = template.request(openaiUri("budgetGuard=#budget&budgetKey=capped&maxTokens=100"),
                e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException());
        assertEquals(100, openai.lastRequest().json().path("max_completion_tokens").asInt());
        assertEquals(Prices.GPT_5_MINI.cost(new Usage(10, 80, 90, null, null)), budget.spent("capped"), 1e-12,
                "settled to the real cost");
    }

    @Test
    void usageAboveTheMaxTokensAskedForIsChargedAtTheReservation() {
        openai.always(Reply.json(200, answer(101)));

        Exchange result = template.request(openaiUri("budgetGuard=#budget&budgetKey=over&maxTokens=100"),
                e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException(), "the answer still reaches the route");
        assertNull(result.getMessage().getHeader(InferenceConstants.COST));
        assertEquals(Prices.GPT_5_MINI.maxCost(33, 100), budget.spent("over"), 1e-12);
    }

    @Test
    void aStreamedAnswerClaimingMoreThanItsReserveIsChargedAtTheReservation() {
        openai.always(Reply.sseData(
                "{\"id\":\"c\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}",
                "{\"id\":\"c\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":"
                                                                                                                      + "\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":500000,\"total_tokens\":500010}}",
                "[DONE]"));

        Exchange result = template.request(openaiUri("budgetGuard=#budget&budgetKey=streamed&stream=true"
                                                     + "&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello"));

        assertNull(result.getException());
        assertEquals("Hi", result.getMessage().getBody());
        assertNull(result.getMessage().getHeader(InferenceConstants.COST));
        assertEquals(RESERVED_PER_CALL, budget.spent("streamed"), 1e-12);
    }
}
