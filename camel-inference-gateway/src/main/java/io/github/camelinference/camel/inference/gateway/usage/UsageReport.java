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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Usage in the shape of OpenAI's {@code GET /v1/organization/usage/completions} (daily buckets of results grouped by
 * model and project), so that the tools that read OpenAI's usage read the gateway's: a tenant is a {@code project_id};
 * each result adds {@code amount} (USD, as OpenAI's costs API writes it), the budget's charge.
 * <p>
 * Query: {@code start_time} (Unix seconds; default the start of today, UTC), {@code end_time} (exclusive; default the
 * end of the start day's window of {@code limit} days), {@code bucket_width} (only {@code 1d}), {@code limit} (days, 1
 * to 31, default 7).
 */
public final class UsageReport {

    /** The days a query asks for, both included. */
    public record Range(LocalDate from, LocalDate to) {
    }

    private static final int MAX_DAYS = 31;

    private UsageReport() {
    }

    /**
     * Reads the query; a wrong parameter is an {@link IllegalArgumentException} that names it and says what is
     * accepted.
     *
     * @param query a query parameter by name (null when absent)
     */
    public static Range range(Function<String, String> query, Instant now) {
        String width = query.apply("bucket_width");
        if (width != null && !"1d".equals(width)) {
            throw new IllegalArgumentException("bucket_width '" + width + "' is not supported: use 1d (UTC days)");
        }
        int limit = (int) number(query, "limit", 7);
        if (limit < 1 || limit > MAX_DAYS) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_DAYS + " (days), was " + limit);
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate from = day(number(query, "start_time", today.atStartOfDay(ZoneOffset.UTC).toEpochSecond()));
        long endDefault = from.plusDays(limit).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        long end = number(query, "end_time", endDefault);
        LocalDate to = day(end - 1);
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("end_time must be after start_time");
        }
        if (to.isAfter(from.plusDays(limit - 1))) {
            to = from.plusDays(limit - 1);
        }
        return new Range(from, to);
    }

    private static long number(Function<String, String> query, String name, long otherwise) {
        String value = query.apply(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " must be a whole number (Unix seconds for times), was '" + value
                                               + "'",
                    e);
        }
    }

    private static LocalDate day(long epochSecond) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }

    /** The page: a bucket for each day of the range, empty or not, its results by tenant and model. */
    public static ObjectNode page(ObjectMapper mapper, Range range, List<UsageStore.Row> rows) {
        ObjectNode page = mapper.createObjectNode().put("object", "page");
        ArrayNode data = page.putArray("data");
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            ObjectNode bucket = data.addObject().put("object", "bucket")
                    .put("start_time", day.atStartOfDay(ZoneOffset.UTC).toEpochSecond())
                    .put("end_time", day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
            ArrayNode results = bucket.putArray("results");
            List<UsageStore.Row> ofDay = new ArrayList<>();
            for (UsageStore.Row row : rows) {
                if (row.day().equals(day)) {
                    ofDay.add(row);
                }
            }
            ofDay.sort(Comparator.comparing(UsageStore.Row::tenant).thenComparing(UsageStore.Row::model));
            for (UsageStore.Row row : ofDay) {
                ObjectNode result = results.addObject().put("object", "organization.usage.completions.result")
                        .put("input_tokens", row.inputTokens()).put("output_tokens", row.outputTokens())
                        .put("input_cached_tokens", 0).put("input_audio_tokens", 0).put("output_audio_tokens", 0)
                        .put("num_model_requests", row.requests()).put("project_id", row.tenant())
                        .putNull("user_id").putNull("api_key_id").put("model", row.model()).putNull("batch");
                result.putObject("amount").put("value", row.usd()).put("currency", "usd");
            }
        }
        page.put("has_more", false).putNull("next_page");
        return page;
    }
}
