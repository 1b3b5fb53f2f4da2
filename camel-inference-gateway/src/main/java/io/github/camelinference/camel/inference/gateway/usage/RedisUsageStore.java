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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Usage on Redis, shared by the gateway instances that share it: one hash per UTC day ({@code <prefix>usage:<day>}), a
 * field per tenant, model and count, added to in one script per charge and kept {@code retentionDays}. Writes go out
 * without waiting (Lettuce), so the thread that settles a call never waits on Redis for its usage.
 */
public final class RedisUsageStore implements UsageStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisUsageStore.class);
    /** KEYS[1] the day's hash; ARGV field prefix, requests, input, output, usd, expiry seconds. */
    private static final String ADD = "redis.call('HINCRBY', KEYS[1], ARGV[1] .. 'requests', ARGV[2])\n"
                                      + "redis.call('HINCRBY', KEYS[1], ARGV[1] .. 'input', ARGV[3])\n"
                                      + "redis.call('HINCRBY', KEYS[1], ARGV[1] .. 'output', ARGV[4])\n"
                                      + "redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1] .. 'usd', ARGV[5])\n"
                                      + "redis.call('EXPIRE', KEYS[1], ARGV[6])\n"
                                      + "return 1";
    /** Separates tenant, model and count in a field: a character neither a tenant nor a model name holds. */
    private static final char SEPARATOR = '\t';

    private final RedisAsyncCommands<String, String> redis;
    private final String prefix;
    private final long expirySeconds;

    public RedisUsageStore(RedisAsyncCommands<String, String> redis, String prefix, int retentionDays) {
        this.redis = redis;
        this.prefix = prefix;
        this.expirySeconds = retentionDays * 86_400L;
    }

    @Override
    public void add(
            LocalDate day, String tenant, String model, long requests, long inputTokens, long outputTokens,
            double usd) {
        String field = tenant + SEPARATOR + model + SEPARATOR;
        redis.eval(ADD, ScriptOutputType.INTEGER, new String[] { prefix + "usage:" + day },
                field, Long.toString(requests), Long.toString(inputTokens), Long.toString(outputTokens),
                BigDecimal.valueOf(usd).toPlainString(), Long.toString(expirySeconds))
                .exceptionally(failure -> {
                    LOG.warn("usage of tenant '{}' on {} not counted: {}", tenant, model, failure.toString());
                    return null;
                });
    }

    @Override
    public CompletionStage<List<Row>> rows(LocalDate from, LocalDate to, String tenant) {
        List<CompletableFuture<List<Row>>> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            LocalDate date = day;
            days.add(redis.hgetall(prefix + "usage:" + day).thenApply(fields -> rowsOf(date, fields, tenant))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(days.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Row> rows = new ArrayList<>();
            days.forEach(day -> rows.addAll(day.join()));
            return rows;
        });
    }

    private static List<Row> rowsOf(LocalDate day, Map<String, String> fields, String onlyTenant) {
        Map<String, Map<String, String>> byBucket = new HashMap<>();
        fields.forEach((field, value) -> {
            int last = field.lastIndexOf(SEPARATOR);
            byBucket.computeIfAbsent(field.substring(0, last), k -> new HashMap<>()).put(field.substring(last + 1),
                    value);
        });
        List<Row> rows = new ArrayList<>();
        byBucket.forEach((bucket, counts) -> {
            int cut = bucket.indexOf(SEPARATOR);
            String tenant = bucket.substring(0, cut);
            if (onlyTenant == null || onlyTenant.equals(tenant)) {
                rows.add(new Row(
                        day, tenant, bucket.substring(cut + 1), number(counts, "requests"),
                        number(counts, "input"), number(counts, "output"),
                        Double.parseDouble(counts.getOrDefault("usd", "0"))));
            }
        });
        return rows;
    }

    private static long number(Map<String, String> counts, String name) {
        return Long.parseLong(counts.getOrDefault(name, "0"));
    }
}
