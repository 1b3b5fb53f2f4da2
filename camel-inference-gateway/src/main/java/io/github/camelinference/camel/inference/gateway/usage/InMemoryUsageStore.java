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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Usage in this gateway's memory: for one instance without Redis. */
public final class InMemoryUsageStore implements UsageStore {

    private record Bucket(LocalDate day, String tenant, String model) {
    }

    private final Map<Bucket, Row> rows = new ConcurrentHashMap<>();

    @Override
    public void add(
            LocalDate day, String tenant, String model, long requests, long inputTokens, long outputTokens,
            double usd) {
        Row add = new Row(day, tenant, model, requests, inputTokens, outputTokens, usd);
        rows.merge(new Bucket(day, tenant, model), add, (a, b) -> new Row(
                day, tenant, model,
                a.requests() + b.requests(), a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens(),
                a.usd() + b.usd()));
    }

    @Override
    public CompletionStage<List<Row>> rows(LocalDate from, LocalDate to, String tenant) {
        List<Row> found = new ArrayList<>();
        rows.forEach((bucket, row) -> {
            if (!bucket.day().isBefore(from) && !bucket.day().isAfter(to)
                    && (tenant == null || tenant.equals(bucket.tenant()))) {
                found.add(row);
            }
        });
        return CompletableFuture.completedFuture(found);
    }
}
