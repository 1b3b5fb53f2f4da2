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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tenants and their keys held in this gateway's memory, keys by their hash ({@link KeyHasher}): what every request is
 * authenticated against, with no I/O. Filled from configuration ({@link Tenants}); the admin API's changes apply here
 * at once and last until the gateway stops. {@link RedisTenantStore} keeps the same maps as a cache of Redis.
 */
public class KeyedTenantStore implements TenantStore, TenantAdmin {

    /** A stored key: its id, whose it is, and its hash (never the key). */
    public record StoredKey(String id, String tenant, String hash, Instant createdAt) {
        KeyInfo info() {
            return new KeyInfo(id, tenant, createdAt);
        }
    }

    private final KeyHasher hasher;
    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final Map<String, StoredKey> keysByHash = new ConcurrentHashMap<>();
    private final Map<String, StoredKey> keysById = new ConcurrentHashMap<>();
    private final List<Consumer<Collection<Tenant>>> tenantListeners = new CopyOnWriteArrayList<>();

    public KeyedTenantStore(KeyHasher hasher) {
        this.hasher = hasher;
    }

    public KeyHasher hasher() {
        return hasher;
    }

    /** Hears every change of tenants' settings (the budget takes its per-tenant amounts from it). */
    public void onTenantsChanged(Consumer<Collection<Tenant>> listener) {
        tenantListeners.add(listener);
        listener.accept(all());
    }

    @Override
    public Tenant authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String key = authorization.substring(7).trim();
        if (key.isEmpty()) {
            return null;
        }
        StoredKey stored = keysByHash.get(hasher.hash(key));
        return stored == null ? null : tenants.get(stored.tenant());
    }

    @Override
    public Collection<Tenant> all() {
        return List.copyOf(tenants.values());
    }

    public Tenant tenant(String name) {
        return tenants.get(name);
    }

    @Override
    public Collection<Tenant> tenants() {
        return all();
    }

    @Override
    public Collection<KeyInfo> keys() {
        List<KeyInfo> keys = new ArrayList<>();
        keysById.values().forEach(key -> keys.add(key.info()));
        return keys;
    }

    @Override
    public CompletionStage<CreatedKey> createKey(String tenant) {
        if (!tenants.containsKey(tenant)) {
            return CompletableFuture.failedFuture(new UnknownTenantException(tenant));
        }
        String key = KeyHasher.newKey();
        StoredKey stored = new StoredKey(KeyHasher.newKeyId(), tenant, hasher.hash(key), Instant.now());
        return saveKey(stored).thenApply(saved -> new CreatedKey(stored.id(), tenant, key, stored.createdAt()));
    }

    @Override
    public CompletionStage<Boolean> revokeKey(String id) {
        StoredKey stored = keysById.get(id);
        return stored == null ? CompletableFuture.completedFuture(false) : deleteKey(stored).thenApply(done -> true);
    }

    @Override
    public CompletionStage<Tenant> putTenant(Tenant tenant) {
        return saveTenant(tenant).thenApply(saved -> tenant);
    }

    /** Stores a new key; here, in memory only. */
    protected CompletionStage<Void> saveKey(StoredKey key) {
        applyKey(key);
        return CompletableFuture.completedFuture(null);
    }

    /** Forgets a key; here, in memory only. */
    protected CompletionStage<Void> deleteKey(StoredKey key) {
        applyRevoke(key.hash());
        return CompletableFuture.completedFuture(null);
    }

    /** Stores a tenant's settings; here, in memory only. */
    protected CompletionStage<Void> saveTenant(Tenant tenant) {
        applyTenant(tenant);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Adds a key read from configuration, refusing a second entry of one key (the same hash).
     *
     * @param where the setting that gave it, for the message
     */
    public void addConfiguredKey(StoredKey key, String where, Map<String, String> whereByHash) {
        String other = whereByHash.putIfAbsent(key.hash(), where);
        if (other != null) {
            throw new IllegalArgumentException(
                    other + " and " + where + " are the same key (equal key hashes): give each tenant a key of its own");
        }
        applyKey(key);
    }

    /** A key is valid from now on, on this gateway. */
    protected final void applyKey(StoredKey key) {
        keysById.put(key.id(), key);
        keysByHash.put(key.hash(), key);
    }

    /** A key is refused from now on, on this gateway; requests it already let in go on. */
    protected final void applyRevoke(String hash) {
        StoredKey removed = keysByHash.remove(hash);
        if (removed != null) {
            keysById.remove(removed.id(), removed);
        }
    }

    protected final void applyTenant(Tenant tenant) {
        tenants.put(tenant.name(), tenant);
        Collection<Tenant> now = all();
        tenantListeners.forEach(listener -> listener.accept(now));
    }

    /** The keys held, by hash (for a shared store to take over the configured ones). */
    public Collection<StoredKey> storedKeys() {
        return List.copyOf(keysById.values());
    }

    protected final boolean hasKey(String hash) {
        return keysByHash.containsKey(hash);
    }

    protected final StoredKey keyById(String id) {
        return keysById.get(id);
    }
}
