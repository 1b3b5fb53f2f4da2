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
import java.time.ZoneId;
import java.time.ZoneOffset;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget guard: routes read the spend in a {@code choice} to move to a cheaper provider, and calls past the limit
 * are refused. One "Hello" answer from the simulated gpt-5-mini costs (1 × 0.25 + 4 × 2.00) / 1e6 = 8.25e-6 USD.
 */
class BudgetGuardTest extends SimulatorTestSupport {

    private static final double PER_HELLO = (1 * 0.25 + 4 * 2.00) / 1e6;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @BindToRegistry("budget")
    private final BudgetGuard budget = new BudgetGuard(
            new InMemorySpendStore(), 2.5 * PER_HELLO,
            BudgetGuard.Window.DAY, clock);

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask")
                        .setHeader(InferenceConstants.BUDGET_KEY, header("tenant"))
                        .choice()
                        .when(simple("${bean:budget?method=usedFraction(${header.tenant})} >= 0.8"))
                        .to(hfUri("budgetGuard=#budget&inputPrice=0.1&outputPrice=0.1"))
                        .otherwise()
                        .to(openaiUri("budgetGuard=#budget"))
                        .end();
            }
        };
    }

    private Exchange ask(String tenant) {
        return template.request("direct:ask", e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader("tenant", tenant);
        });
    }

    @Test
    void theRouteSwitchesToTheCheaperProviderAt80PercentAndTheGuardRefusesPast100() {
        Exchange first = ask("acme");
        assertEquals("openai", first.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(PER_HELLO, first.getMessage().getHeader(InferenceConstants.COST, Double.class), 1e-12);
        assertEquals(0.4, first.getMessage().getHeader(InferenceConstants.BUDGET_USED, Double.class), 1e-9);

        Exchange second = ask("acme"); // 80 % spent after this one
        assertEquals("openai", second.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(0.8, second.getMessage().getHeader(InferenceConstants.BUDGET_USED, Double.class), 1e-9);

        Exchange third = ask("acme");
        assertEquals("huggingface", third.getMessage().getHeader(InferenceConstants.PROVIDER), "the cheaper one");

        // spend the rest directly on OpenAI until the guard refuses
        template.request(openaiUri("budgetGuard=#budget&budgetKey=acme"), e -> e.getMessage().setBody("Hello"));
        assertFalse(budget.allows("acme"));
        int calls = openai.requestCount();
        Exchange refused = template.request(openaiUri("budgetGuard=#budget&budgetKey=acme"),
                e -> e.getMessage().setBody("Hello"));
        assertTrue(refused.getException() instanceof BudgetExceededException, String.valueOf(refused.getException()));
        assertTrue(refused.getException().getMessage().contains("budget 'acme' spent"),
                refused.getException().getMessage());
        assertEquals(calls, openai.requestCount(), "a refused call never reaches the provider");

        Exchange otherTenant = ask("globex");
        assertNull(otherTenant.getException(), "budgets are per key");
        assertEquals("openai", otherTenant.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void theWindowRollsOverAtMidnightUtc() {
        ask("acme");
        ask("acme");
        ask("acme");
        template.request(openaiUri("budgetGuard=#budget&budgetKey=acme"), e -> e.getMessage().setBody("Hello"));
        assertFalse(budget.allows("acme"));

        clock.advance(Duration.ofHours(14)); // 2026-11-25T00:00Z

        assertTrue(budget.allows("acme"));
        assertEquals(0.0, budget.usedFraction("acme"));
        assertEquals("openai", ask("acme").getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void anHourlyWindowHoldsToTheLastSecondOfItsHourAndStartsAgainOnTheNext() {
        MovableClock hours = new MovableClock(Instant.parse("2026-11-24T10:59:00Z"));
        BudgetGuard hourly = new BudgetGuard(new InMemorySpendStore(), 1.0, BudgetGuard.Window.HOUR, hours);
        hourly.record("acme", 0.6);

        hours.advance(Duration.ofSeconds(59)); // 10:59:59Z
        assertEquals(0.6, hourly.usedFraction("acme"), 1e-9);

        hours.advance(Duration.ofSeconds(1)); // 11:00:00Z
        assertEquals(0.0, hourly.usedFraction("acme"));
        assertTrue(hourly.allows("acme"));
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
