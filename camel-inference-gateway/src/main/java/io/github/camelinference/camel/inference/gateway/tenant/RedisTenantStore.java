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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenants and keys on Redis, shared by every gateway instance that uses the same Redis and prefix. Requests are
 * authenticated against this instance's copy in memory ({@link KeyedTenantStore}), never against Redis; the copy learns
 * each change from a pub/sub channel, so that a revoked key is refused at once everywhere: the admin call returns once
 * every subscribed instance has acknowledged the change (or after {@code ackTimeout}). A full read every {@code resync}
 * catches up with what a lost connection missed; it only adds keys and removes revoked ones, so it never brings a
 * revoked key back.
 * <p>
 * Layout, under the prefix: {@code salt} (the key hasher's salt, made by the first instance), {@code keys} (hash: key
 * id to {@code {tenant, hash, created}}), {@code revoked} (set of revoked key hashes), {@code tenants} (hash: name to
 * its settings), {@code changes} (the channel).
 */
public final class RedisTenantStore extends KeyedTenantStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisTenantStore.class);

    private final String prefix;
    private final String channel;
    private final RedisAsyncCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscription;
    private final ObjectMapper mapper;
    private final Duration ackTimeout;
    private final Map<String, Acks> waiting = new ConcurrentHashMap<>();
    private final Map<String, Long> tenantVersions = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService resyncTimer;

    private RedisTenantStore(KeyHasher hasher, String prefix, StatefulRedisConnection<String, String> connection,
                             StatefulRedisPubSubConnection<String, String> subscription, ObjectMapper mapper,
                             Duration ackTimeout) {
        super(hasher);
        this.prefix = prefix;
        this.channel = prefix + "changes";
        this.redis = connection.async();
        this.subscription = subscription;
        this.mapper = mapper;
        this.ackTimeout = ackTimeout;
        this.resyncTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "gateway-tenants-resync");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The salt of the store at this prefix: the one there, else {@code configured} (or a random one when that is empty)
     * stored for every instance to come. Blocks, once, at start.
     *
     * @throws IllegalArgumentException when {@code configured} is set and is not the store's
     */
    public static String salt(StatefulRedisConnection<String, String> connection, String prefix, String configured) {
        RedisAsyncCommands<String, String> commands = connection.async();
        String proposed = configured == null || configured.isBlank() ? KeyHasher.randomText(32) : configured;
        String salt = await(commands.setnx(prefix + "salt", proposed).thenCompose(set -> commands.get(prefix + "salt")),
                "read the key salt");
        if (configured != null && !configured.isBlank() && !configured.equals(salt)) {
            throw new IllegalArgumentException(
                    "gateway.keys.salt is not the salt the Redis tenant store at prefix '" + prefix
                                               + "' was made with: remove the setting to use the store's");
        }
        return salt;
    }

    /**
     * Connects, subscribes, adds the configured tenants and keys Redis does not have yet (the admin API's settings win
     * over configuration; a configured key that was revoked stays revoked), and reads everything. Blocks, once, at
     * start.
     *
     * @param configured   the tenants and keys of the configuration, hashed with the store's {@link #salt}
     * @param resyncPeriod how often the full copy is read again
     * @param ackTimeout   how long a change waits for the other instances' acknowledgements
     */
    public static RedisTenantStore start(
            RedisClient client, StatefulRedisConnection<String, String> connection, String prefix,
            KeyedTenantStore configured, Duration resyncPeriod, Duration ackTimeout) {
        StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
        RedisTenantStore store = new RedisTenantStore(
                configured.hasher(), prefix, connection, subscription,
                new ObjectMapper(), ackTimeout);
        try {
            subscription.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    store.heard(message);
                }
            });
            await(subscription.async().subscribe(store.channel), "subscribe to the tenants' changes");
            store.seed(configured.all(), configured.storedKeys());
            store.resync().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            store.close();
            throw new IllegalStateException("interrupted while reading the tenants from Redis", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("cannot read the tenants from Redis at prefix '" + prefix + "'", e);
        }
        long period = Math.max(1, resyncPeriod.toMillis());
        store.resyncTimer.scheduleWithFixedDelay(() -> store.resync().exceptionally(failure -> {
            LOG.warn("cannot read the tenants from Redis ({}); the copy in memory stays as it was", failure.toString());
            return null;
        }), period, period, TimeUnit.MILLISECONDS);
        return store;
    }

    private static <T> T await(CompletionStage<T> stage, String what) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot " + what + " on Redis", e);
        }
    }

    /** The configured tenants and keys that Redis lacks (never one that was revoked). */
    private void seed(Collection<Tenant> configured, Collection<StoredKey> configuredKeys)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (Tenant tenant : configured) {
            writes.add(redis.incr(prefix + "version").thenCompose(
                    version -> redis.hsetnx(prefix + "tenants", tenant.name(), tenantJson(tenant, version)))
                    .toCompletableFuture());
        }
        for (StoredKey key : configuredKeys) {
            writes.add(redis.sismember(prefix + "revoked", key.hash()).thenCompose(
                    isRevoked -> isRevoked
                            ? CompletableFuture.completedFuture(false)
                            : redis.hsetnx(prefix + "keys", key.id(), keyJson(key)))
                    .toCompletableFuture());
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    /** Reads everything again: adds what is missing, removes what was revoked, takes newer tenant settings. */
    private CompletionStage<Void> resync() {
        return redis.smembers(prefix + "revoked").thenCompose(revokedNow -> {
            revokedNow.forEach(this::revokedHash);
            return redis.hgetall(prefix + "keys");
        }).thenCompose(keys -> {
            keys.values().forEach(json -> learnKey(readKey(json)));
            return redis.hgetall(prefix + "tenants");
        }).thenAccept(tenants -> tenants.forEach((name, json) -> learnTenant(name, json)));
    }

    @Override
    protected CompletionStage<Void> saveKey(StoredKey key) {
        String json = keyJson(key);
        return redis.hset(prefix + "keys", key.id(), json)
                .thenCompose(done -> announce(change("key").put("key", json)));
    }

    @Override
    protected CompletionStage<Void> deleteKey(StoredKey key) {
        // the revoked set first: a resync running meanwhile then removes the key rather than keeping it
        return redis.sadd(prefix + "revoked", key.hash())
                .thenCompose(added -> redis.hdel(prefix + "keys", key.id()))
                .thenCompose(removed -> announce(change("revoke").put("hash", key.hash())));
    }

    @Override
    protected CompletionStage<Void> saveTenant(Tenant tenant) {
        return redis.incr(prefix + "version").thenCompose(version -> {
            String json = tenantJson(tenant, version);
            return redis.hset(prefix + "tenants", tenant.name(), json)
                    .thenCompose(done -> announce(change("tenant").put("name", tenant.name()).put("tenant", json)));
        });
    }

    private ObjectNode change(String op) {
        return mapper.createObjectNode().put("op", op).put("id", UUID.randomUUID().toString());
    }

    /**
     * Publishes a change and completes once every instance subscribed (this one too) has applied it, or after the ack
     * timeout: an instance that missed it catches up at its next resync.
     */
    private CompletionStage<Void> announce(ObjectNode change) {
        String id = change.get("id").asText();
        Acks acks = new Acks();
        waiting.put(id, acks);
        return redis.publish(channel, change.toString()).thenCompose(receivers -> {
            acks.expect(receivers);
            return acks.done.completeOnTimeout(null, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }).whenComplete((done, failure) -> {
            waiting.remove(id);
            if (!acks.done.isDone() || acks.count() < acks.expected) {
                LOG.warn("a tenant change was acknowledged by {} of {} gateway instances within {} ms; the others"
                         + " apply it at their next resync",
                        acks.count(), acks.expected, ackTimeout.toMillis());
            }
        });
    }

    /** A message on the channel, on Lettuce's thread: applied in memory, then acknowledged. */
    private void heard(String message) {
        try {
            JsonNode change = mapper.readTree(message);
            String op = change.path("op").asText();
            String id = change.path("id").asText();
            switch (op) {
                case "ack" -> {
                    Acks acks = waiting.get(id);
                    if (acks != null) {
                        acks.ack();
                    }
                    return;
                }
                case "key" -> learnKey(readKey(change.path("key").asText()));
                case "revoke" -> revokedHash(change.path("hash").asText());
                case "tenant" -> learnTenant(change.path("name").asText(), change.path("tenant").asText());
                default -> {
                    return;
                }
            }
            redis.publish(channel, mapper.createObjectNode().put("op", "ack").put("id", id).toString());
        } catch (Exception e) {
            LOG.warn("ignored a tenant change that cannot be read: {}", e.toString());
        }
    }

    private void revokedHash(String hash) {
        revoked.add(hash);
        applyRevoke(hash);
    }

    private void learnKey(StoredKey key) {
        if (!revoked.contains(key.hash()) && !hasKey(key.hash())) {
            applyKey(key);
        }
    }

    private void learnTenant(String name, String json) {
        try {
            JsonNode node = mapper.readTree(json);
            long version = node.path("version").asLong();
            Long known = tenantVersions.get(name);
            if (known != null && known >= version) {
                return;
            }
            tenantVersions.put(name, version);
            Set<String> models = new LinkedHashSet<>();
            node.path("models").forEach(model -> models.add(model.asText()));
            JsonNode usd = node.path("usdPerDay");
            applyTenant(new Tenant(
                    name, Set.copyOf(models), node.path("requestsPerMinute").asInt(),
                    usd.isNumber() ? usd.asDouble() : null));
        } catch (Exception e) {
            LOG.warn("ignored the settings of tenant '{}' that cannot be read: {}", name, e.toString());
        }
    }

    private String tenantJson(Tenant tenant, long version) {
        ObjectNode node = mapper.createObjectNode().put("version", version)
                .put("requestsPerMinute", tenant.requestsPerMinute());
        tenant.models().forEach(node.putArray("models")::add);
        if (!node.has("models")) {
            node.putArray("models");
        }
        if (tenant.usdPerDay() != null) {
            node.put("usdPerDay", tenant.usdPerDay());
        }
        return node.toString();
    }

    private String keyJson(StoredKey key) {
        return mapper.createObjectNode().put("id", key.id()).put("tenant", key.tenant()).put("hash", key.hash())
                .put("created", key.createdAt().toEpochMilli()).toString();
    }

    private StoredKey readKey(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            return new StoredKey(
                    node.path("id").asText(), node.path("tenant").asText(), node.path("hash").asText(),
                    Instant.ofEpochMilli(node.path("created").asLong()));
        } catch (Exception e) {
            throw new IllegalStateException("a key entry on Redis cannot be read", e);
        }
    }

    @Override
    public void close() {
        resyncTimer.shutdownNow();
        subscription.close();
    }

    /** The instances that applied one change, against how many received it. */
    private static final class Acks {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private int count;
        private volatile long expected = Long.MAX_VALUE;

        synchronized void ack() {
            count++;
            check();
        }

        synchronized void expect(long receivers) {
            expected = receivers;
            check();
        }

        synchronized int count() {
            return count;
        }

        private void check() {
            if (count() >= expected) {
                done.complete(null);
            }
        }
    }
}
