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
package io.github.camelinference.camel.inference.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.camel.inference.chat.Usage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guard's {@link BudgetGuard.UsageRecorder} hears every charge with its usage, so that the sums it hears are what
 * the budget counted, whatever way each call was settled.
 */
class BudgetUsageRecorderTest {

    private record Charge(String key, String model, int requests, Usage usage, double usd) {
    }

    private final List<Charge> heard = new ArrayList<>();
    private final Instant now = Instant.parse("2026-03-01T23:59:59Z");
    private final BudgetGuard guard = new BudgetGuard(
            new InMemorySpendStore(), 10, BudgetGuard.Window.DAY,
            Clock.fixed(now, ZoneOffset.UTC));

    BudgetUsageRecorderTest() {
        guard.setUsageRecorder((key, reservedAt, model, requests, usage, usd) -> {
            assertEquals(now, reservedAt);
            heard.add(new Charge(key, model, requests, usage, usd));
        });
    }

    private double heardUsd() {
        return heard.stream().mapToDouble(Charge::usd).sum();
    }

    @Test
    void aSettledCallIsHeardOnceWithItsUsageAndCost() {
        Usage usage = new Usage(10, 5, 15, null, null);
        guard.reserve("acme", 0.5, "gpt-5-mini").settle(0.01, usage);

        assertEquals(List.of(new Charge("acme", "gpt-5-mini", 1, usage, 0.01)), heard);
        assertEquals(guard.spent("acme"), heardUsd(), 1e-15);
    }

    @Test
    void aKeptCallCorrectedLaterIsOneRequestWhoseChargesAddUpToTheBudgets() {
        BudgetGuard.Reservation cut = guard.reserve("acme", 0.5, "gpt-5-mini");
        cut.keep();
        Usage estimate = new Usage(37, 2, 39, null, null);
        cut.settleKept(0.002, estimate);

        assertEquals(2, heard.size());
        assertEquals(1, heard.get(0).requests(), "the keep is the call's request");
        assertNull(heard.get(0).usage(), "its usage is not known yet");
        assertEquals(0, heard.get(1).requests(), "the correction is no new request");
        assertEquals(estimate, heard.get(1).usage());
        assertEquals(0.002, heardUsd(), 1e-15);
        assertEquals(guard.spent("acme"), heardUsd(), 1e-15);
    }

    @Test
    void aReleasedCallIsNotHeardAndSecondSettlesAreIgnored() {
        guard.reserve("acme", 0.5, "gpt-5-mini").release();
        BudgetGuard.Reservation once = guard.reserve("acme", 0.5, "gpt-5-mini");
        once.settle(0.1, null);
        once.settle(0.2, null);
        once.release();

        assertEquals(1, heard.size());
        assertEquals(guard.spent("acme"), heardUsd(), 1e-15);
        assertTrue(guard.spent("acme") > 0);
    }

    @Test
    void aCallWithoutAPriceIsHeardWithItsTokensAtNoCost() {
        Usage usage = new Usage(4, 3, 7, null, null);
        CallBudget.settle(guard.reserve("acme", 0, "router-model"), null, usage, "huggingface");

        assertEquals(List.of(new Charge("acme", "router-model", 1, usage, 0.0)), heard);
    }
}
