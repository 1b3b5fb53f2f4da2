package io.github.camelinference.camel.inference.budget.redis;

import io.github.camelinference.camel.inference.budget.SpendStore;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;

/**
 * Spend kept in Redis, one {@code INCRBYFLOAT} counter per budget key and window, so every instance of a service
 * draws on one budget. Counters expire a while after their window has passed.
 */
public class RedisSpendStore implements SpendStore {

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
        String counter = counter(key, window);
        double total = redis.incrByFloat(counter, usd);
        redis.expire(counter, expirySeconds);
        return total;
    }

    @Override
    public double get(String key, String window) {
        String value = redis.get(counter(key, window));
        return value == null ? 0 : Double.parseDouble(value);
    }
}
