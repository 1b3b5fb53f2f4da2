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
package io.github.camelinference.camel.inference.gateway.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.Usage;

/**
 * The budget's charges counted as usage: set as the tenants' {@link BudgetGuard}'s recorder, it hears every reserve
 * that settles, with the call's tokens, so the USD of a tenant's usage is what its budget was charged, to the cent. A
 * call is counted on the UTC day its reservation was made, the day the budget charged it to.
 */
public final class UsageCounter implements BudgetGuard.UsageRecorder {

    private final UsageStore store;

    public UsageCounter(UsageStore store) {
        this.store = store;
    }

    @Override
    public void charged(String key, Instant reservedAt, String model, int requests, Usage usage, double usd) {
        long input = usage == null || usage.promptTokens() == null ? 0 : usage.promptTokens();
        long output = usage == null || usage.completionTokens() == null ? 0 : usage.completionTokens();
        store.add(LocalDate.ofInstant(reservedAt, ZoneOffset.UTC), key, model == null ? "unknown" : model, requests,
                input, output, usd);
    }
}
