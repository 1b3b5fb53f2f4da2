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
package io.github.camelinference.camel.inference.budget.redis;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.camelinference.camel.inference.budget.SpendStore;
import redis.clients.jedis.UnifiedJedis;

/**
 * Spend kept in Redis, one {@code INCRBYFLOAT} counter per budget key and window, so every instance of a service draws
 * on one budget. Counters expire a while after their window has passed. Reserving (check and add) and settling (adjust
 * and refresh the expiry) each run as one Lua script, which Redis executes atomically.
 */
public class RedisSpendStore implements SpendStore {

    /** KEYS[1] counter; ARGV usd, limit, expiry seconds. Returns 1 and adds usd when spend is below the limit. */
    static final String RESERVE = "local spent = tonumber(redis.call('GET', KEYS[1]) or '0')\n"
                                  + "if spent >= tonumber(ARGV[2]) then return 0 end\n"
                                  + "redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])\n"
                                  + "redis.call('EXPIRE', KEYS[1], ARGV[3])\n"
                                  + "return 1";
    /** KEYS[1] counter; ARGV delta, expiry seconds. Returns the new total as a string (Lua numbers lose fractions). */
    static final String ADJUST = "local total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])\n"
                                 + "redis.call('EXPIRE', KEYS[1], ARGV[2])\n"
                                 + "return total";

    private final UnifiedJedis redis;
    private final String prefix;
    private final long expirySeconds;

    /**
     * @param prefix namespaces the counters, e.g. {@code "camel-inference:budget:"}
     * @param expiry how long a counter lives after its last update; longer than the guard's window
     */
    public RedisSpendStore(UnifiedJedis redis, String prefix, Duration expiry) {
        this.redis = redis;
        this.prefix = prefix;
        this.expirySeconds = expiry.toSeconds();
    }

    private String counter(String key, String window) {
        return prefix + window + ":" + key;
    }

    @Override
    public double add(String key, String window, double usd) {
        return adjust(counter(key, window), usd);
    }

    @Override
    public double get(String key, String window) {
        String value = redis.get(counter(key, window));
        return value == null ? 0 : Double.parseDouble(value);
    }

    @Override
    public boolean reserve(String key, String window, double usd, double limitUsd) {
        Object reserved = redis.eval(RESERVE, List.of(counter(key, window)),
                List.of(plain(usd), plain(limitUsd), Long.toString(expirySeconds)));
        return reserved instanceof Number n && n.longValue() == 1;
    }

    @Override
    public double settle(String key, String window, double reservedUsd, double actualUsd) {
        return adjust(counter(key, window), actualUsd - reservedUsd);
    }

    /** Adds delta to the counter and refreshes its expiry, in one atomic step; returns the new total. */
    private double adjust(String counter, double delta) {
        Object total = redis.eval(ADJUST, List.of(counter), List.of(plain(delta),
                Long.toString(expirySeconds)));
        String text = total instanceof byte[] bytes ? new String(bytes, StandardCharsets.US_ASCII) : String.valueOf(total);
        return Double.parseDouble(text);
    }

    /** A number as Redis and Lua read it: plain digits, never an exponent. */
    private static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
