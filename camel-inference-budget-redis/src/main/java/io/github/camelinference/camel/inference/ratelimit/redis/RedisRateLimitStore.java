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
package io.github.camelinference.camel.inference.ratelimit.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.camelinference.camel.inference.ratelimit.RateLimitBucket;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Rate-limit buckets kept in Redis, so every instance of a service draws on one set of limits per provider account. The
 * buckets are Bucket4j's, through its Lettuce proxy manager in asynchronous mode: each operation is a compare-and-swap
 * Lua script that Redis runs atomically, and the caller gets a future that Lettuce's own I/O thread completes, so no
 * thread of ours waits on Redis. (Jedis, which the budget's
 * {@link io.github.camelinference.camel.inference.budget.redis.RedisSpendStore} uses, has no asynchronous API, hence a
 * second client here; Bucket4j fits reserve and settle as they are, so there is no Lua script of our own.)
 * <p>
 * A bucket's key expires once the bucket would have refilled and stayed idle for {@code keepIdle}, so a changed or
 * abandoned limit leaves nothing behind.
 */
public class RedisRateLimitStore implements RateLimitStore, AutoCloseable {

    private final AsyncProxyManager<String> buckets;
    private final String prefix;
    private final Map<String, RateLimitBucket> proxies = new ConcurrentHashMap<>();
    private final AutoCloseable owned;

    /**
     * A store on a connection the application manages (and closes).
     *
     * @param connection a Lettuce connection with String keys and byte[] values
     * @param prefix     namespaces the keys, e.g. {@code "camel-inference:ratelimit:"}
     */
    public RedisRateLimitStore(StatefulRedisConnection<String, byte[]> connection, String prefix) {
        this(connection, prefix, null);
    }

    private RedisRateLimitStore(StatefulRedisConnection<String, byte[]> connection, String prefix,
                                AutoCloseable owned) {
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofMinutes(1)))
                .build().asAsync();
        this.prefix = prefix;
        this.owned = owned;
    }

    /**
     * A store with a connection of its own, closed by {@link #close()} (a bean's destroy method).
     *
     * @param redisUri e.g. {@code redis://127.0.0.1:6379}
     */
    public static RedisRateLimitStore connect(String redisUri, String prefix) {
        RedisClient client = RedisClient.create(redisUri);
        StatefulRedisConnection<String, byte[]> connection;
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            throw e;
        }
        return new RedisRateLimitStore(connection, prefix, () -> {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        });
    }

    @Override
    public RateLimitBucket bucket(String key, BucketConfiguration configuration) {
        String redisKey = prefix + key;
        return proxies.computeIfAbsent(redisKey, k -> RateLimitBucket.of(buckets.builder()
                .build(k, () -> CompletableFuture.completedFuture(configuration))));
    }

    @Override
    public void close() throws Exception {
        if (owned != null) {
            owned.close();
        }
    }
}
