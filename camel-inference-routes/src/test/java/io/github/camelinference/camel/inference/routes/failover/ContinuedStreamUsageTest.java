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

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.StreamInterruptedException;
import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream cut mid-way and continued on the next target used both targets' tokens: the answer's usage, its cost, the
 * headers per target and the budget count both shares, each priced at its own endpoint's rate. The primary never
 * reports usage (its stream breaks), so its share is what it delivered: the prompt at its upper bound and one token per
 * delta received.
 */
class ContinuedStreamUsageTest extends InferenceTestSupport {

    private static final String ANSWER = "Simulated answer to: Hello";
    /** The primary's prices (USD per million input and output tokens), and the fallback's: each its own rate. */
    private static final Prices PRIMARY_PRICES = new Prices(1, 1, 10);
    private static final Prices FALLBACK_PRICES = new Prices(2, 2, 20);
    /** The upper bound of the "Hello" prompt's tokens: 16 + 8 + "user" + "Hello". */
    private static final int HELLO_BOUND = 33;

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator primary;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator fallback;

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(
            new InMemorySpendStore(), 100, BudgetGuard.Window.DAY,
            Clock.systemUTC());

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("primary.url", primary.baseUrl());
        properties.put("fallback.url", fallback.baseUrl());
        return properties;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String budgeted = "&stream=true&budgetGuard=#budget&budgetKey=acme";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").routeId("split")
                        .loadBalance(new InferenceFailover().retryDelay(20))
                        .to("inference:openai?baseUrl={{primary.url}}&apiKey=sk-test&model=gpt-5-mini&inputPrice=1"
                            + "&outputPrice=10" + budgeted)
                        .to("inference:huggingface?baseUrl={{fallback.url}}&apiKey=hf-test"
                            + "&model=openai/gpt-oss-120b&inputPrice=2&outputPrice=20" + budgeted)
                        .end();
            }
        };
    }

    private Exchange ask() {
        return template.request("direct:split", e -> e.getMessage().setBody("Hello"));
    }

    private static String read(Exchange exchange) {
        ChatStream stream = assertInstanceOf(ChatStream.class, exchange.getMessage().getBody());
        StringBuilder text = new StringBuilder();
        stream.forEachRemaining(text::append);
        return text.toString();
    }

    @Test
    void aContinuedStreamCountsBothTargetsTokensInItsUsageHeadersAndBudget() {
        // two words reach the caller, then the primary's connection drops; the fallback writes the other two
        primary.always(Reply.answer().paced(Duration.ofMillis(30)).cutAfterChunks(3));

        Exchange result = ask();
        assertEquals(ANSWER, read(result));

        // the fallback was asked with the prompt and the two words as a prefill: it reports 3 prompt and 2 output
        // tokens (the simulator counts words); the primary delivered 2 deltas and never said what it used
        Usage primaryShare = new Usage(HELLO_BOUND, 2, HELLO_BOUND + 2, null, null);
        Usage fallbackShare = new Usage(3, 2, 5, null, null);
        double primaryCost = PRIMARY_PRICES.cost(primaryShare);
        double fallbackCost = FALLBACK_PRICES.cost(fallbackShare);

        Message message = result.getMessage();
        String continuedOn = message.getHeader(FailoverConstants.CONTINUED_ON, String.class);
        assertEquals("huggingface/openai/gpt-oss-120b", continuedOn);
        @SuppressWarnings("unchecked")
        Map<String, TargetUsage> byTarget = message.getHeader(FailoverConstants.USAGE_BY_TARGET, Map.class);
        assertEquals(List.of("openai/gpt-5-mini", continuedOn), List.copyOf(byTarget.keySet()), "in the order written");
        assertEquals(new TargetUsage(primaryShare, primaryCost, true), byTarget.get("openai/gpt-5-mini"));
        assertEquals(new TargetUsage(fallbackShare, fallbackCost, false), byTarget.get(continuedOn));

        assertEquals(HELLO_BOUND + 3, message.getHeader(InferenceConstants.PROMPT_TOKENS));
        assertEquals(4, message.getHeader(InferenceConstants.COMPLETION_TOKENS), "both targets' output");
        assertEquals(HELLO_BOUND + 2 + 5, message.getHeader(InferenceConstants.TOTAL_TOKENS));
        assertEquals(primaryCost + fallbackCost, message.getHeader(InferenceConstants.COST, Double.class), 1e-12);
        ChatResponse response = ((ChatStream) message.getBody()).response();
        assertEquals(ANSWER, response.text());
        assertEquals(4, response.usage().completionTokens(), "what a relay (a gateway) reports as the usage");

        assertEquals(primaryCost + fallbackCost, budget.spent("acme"), 1e-12,
                "the primary charged what it delivered, the fallback what it reported");
        assertEquals(budget.usedFraction("acme"), message.getHeader(InferenceConstants.BUDGET_USED, Double.class),
                1e-12);
    }

    @Test
    void aStreamNoTargetCanContinueLeavesTheCutTargetChargedAtItsMaximum() {
        primary.always(Reply.answer().paced(Duration.ofMillis(30)).cutAfterChunks(3));
        fallback.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));

        Exchange result = ask();
        ChatStream stream = assertInstanceOf(ChatStream.class, result.getMessage().getBody());
        assertEquals("Simulated", stream.next());
        assertEquals(" answer", stream.next());
        assertThrows(StreamInterruptedException.class, stream::hasNext);

        // the provider may have generated more than reached us: without an answer to count, the maximum stands
        assertEquals(PRIMARY_PRICES.maxCost(HELLO_BOUND, 32768), budget.spent("acme"), 1e-12);
        assertFalse(result.getMessage().getHeaders().containsKey(FailoverConstants.USAGE_BY_TARGET));
        assertTrue(fallback.requestCount() >= 1, "the fallback was asked to continue");
    }
}
