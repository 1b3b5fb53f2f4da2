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

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** What tenants used, per UTC day and model: the sums of the budget's charges ({@link UsageCounter}). */
public interface UsageStore {

    /** One day's use of one model by one tenant. */
    record Row(LocalDate day, String tenant, String model, long requests, long inputTokens, long outputTokens,
            double usd) {
    }

    /** Adds one charge; never blocks (a shared store writes in the background). */
    void add(LocalDate day, String tenant, String model, long requests, long inputTokens, long outputTokens, double usd);

    /**
     * The rows of these days (both included).
     *
     * @param tenant one tenant, or null for every tenant
     */
    CompletionStage<List<Row>> rows(LocalDate from, LocalDate to, String tenant);
}
