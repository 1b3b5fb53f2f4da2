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
package io.github.camelinference.camel.inference.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.InMemorySpendStore;
import io.github.camelinference.camel.inference.budget.SpendStore;
import io.github.camelinference.camel.inference.budget.redis.RedisSpendStore;
import io.github.camelinference.camel.inference.gateway.admin.AdminApi;
import io.github.camelinference.camel.inference.gateway.admin.AdminKey;
import io.github.camelinference.camel.inference.gateway.tenant.KeyHasher;
import io.github.camelinference.camel.inference.gateway.tenant.KeyedTenantStore;
import io.github.camelinference.camel.inference.gateway.tenant.RedisTenantStore;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.gateway.tenant.Tenants;
import io.github.camelinference.camel.inference.gateway.usage.InMemoryUsageStore;
import io.github.camelinference.camel.inference.gateway.usage.RedisUsageStore;
import io.github.camelinference.camel.inference.gateway.usage.UsageCounter;
import io.github.camelinference.camel.inference.gateway.usage.UsageStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The tenants' store, the usage store, the budget's spend store and the admin key, chosen from the settings:
 * <ul>
 * <li>{@code gateway.tenants.store}: {@code config} (the default: {@code gateway.tenant.*}, changes by the admin API
 * last until the gateway stops) or {@code redis} (on {@code gateway.redis.uri}, shared by every instance; the
 * configured tenants seed it);</li>
 * <li>usage and the tenants' spend on Redis whenever {@code gateway.redis.uri} is set, else in memory, so every
 * instance sharing Redis holds a tenant to one daily amount;</li>
 * <li>{@code gateway.keys.salt}: the salt of the key hashes ({@link KeyHasher}); {@code gateway.admin.key}: the admin
 * API's key (the environment gives both as {@code GATEWAY_KEYS_SALT}, {@code GATEWAY_ADMIN_KEY}).</li>
 * </ul>
 * Redis connections close with Main.
 */
final class GatewayStores {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayStores.class);

    private static final String PREFIX = "camel-inference:gateway:";

    /** Threads that may wait on the spend store at once: Vert.x workers, the route pool, status and admin reads. */
    private static final int SPEND_CONNECTIONS = 32;

    final KeyedTenantStore tenants;
    final UsageStore usage;
    final SpendStore spend;
    final AdminKey adminKey;

    private GatewayStores(KeyedTenantStore tenants, UsageStore usage, SpendStore spend, AdminKey adminKey) {
        this.tenants = tenants;
        this.usage = usage;
        this.spend = spend;
        this.adminKey = adminKey;
    }

    /**
     * @param where where a setting was given ({@code gateway.properties line 12}), or null when unknown
     */
    static GatewayStores create(Properties config, Function<String, String> where, Main main) {
        AdminKey adminKey = new AdminKey(setting(config, "gateway.admin.key"));
        String salt = setting(config, "gateway.keys.salt");
        String store = config.getProperty("gateway.tenants.store", "config").trim();
        if (!store.equals("config") && !store.equals("redis")) {
            throw new IllegalArgumentException(
                    "gateway.tenants.store is '" + store + "': use config (the gateway.tenant.* settings) or redis");
        }
        String redisUri = config.getProperty("gateway.redis.uri", "").trim();
        if (redisUri.isEmpty()) {
            if (store.equals("redis")) {
                throw new IllegalArgumentException(
                        "gateway.tenants.store = redis needs gateway.redis.uri (e.g. redis://127.0.0.1:6379)");
            }
            return new GatewayStores(
                    Tenants.fromProperties(config, where, hasher(salt)), new InMemoryUsageStore(),
                    new InMemorySpendStore(), adminKey);
        }
        JedisPooled spendConnections = spendConnections(redisUri);
        RedisClient client = RedisClient.create(redisUri);
        StatefulRedisConnection<String, String> connection;
        try {
            connection = client.connect();
        } catch (RuntimeException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            spendConnections.close();
            throw e;
        }
        KeyedTenantStore tenants;
        try {
            if (store.equals("redis")) {
                KeyHasher hasher = new KeyHasher(RedisTenantStore.salt(connection, PREFIX + "tenants:", salt));
                tenants = RedisTenantStore.start(client, connection, PREFIX + "tenants:",
                        Tenants.fromProperties(config, where, hasher),
                        Duration.ofSeconds(Long.parseLong(config.getProperty("gateway.tenants.resyncSeconds", "30"))),
                        Duration.ofMillis(Long.parseLong(
                                config.getProperty("gateway.tenants.ackTimeoutMillis", "2000").trim())));
            } else {
                tenants = Tenants.fromProperties(config, where, hasher(salt));
            }
        } catch (RuntimeException e) {
            connection.close();
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            spendConnections.close();
            throw e;
        }
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport main) {
                if (tenants instanceof RedisTenantStore redis) {
                    redis.close();
                }
                connection.close();
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                spendConnections.close();
            }
        });
        int retentionDays = Integer.parseInt(config.getProperty("gateway.usage.retentionDays", "400").trim());
        // counters outlive their UTC day by one more, so a call reserved just before midnight still settles into it
        SpendStore spend = new RedisSpendStore(spendConnections, PREFIX + "budget:", Duration.ofDays(2));
        return new GatewayStores(
                tenants, new RedisUsageStore(connection.async(), PREFIX, retentionDays), spend, adminKey);
    }

    /**
     * The spend store's connections. Why Jedis beside Lettuce: {@link RedisSpendStore} (camel-inference-budget-redis)
     * is Jedis, and its calls block by design; the component only reserves and settles on worker threads (Vert.x
     * workers, its route pool), never on an I/O thread, so a pool of blocking connections is what it needs.
     */
    private static JedisPooled spendConnections(String redisUri) {
        URI uri;
        try {
            uri = URI.create(redisUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gateway.redis.uri is not a URI: use redis://host:port", e);
        }
        if (!JedisURIHelper.isValid(uri)) {
            throw new IllegalArgumentException(
                    "gateway.redis.uri must be redis://[user:password@]host:port[/db] or rediss://… for the tenants'"
                                               + " shared budget, was scheme '" + uri.getScheme() + "'");
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(SPEND_CONNECTIONS);
        pool.setMaxIdle(SPEND_CONNECTIONS);
        // a Redis that is down fails the call (500) after this wait, never holding a worker indefinitely
        pool.setMaxWait(Duration.ofSeconds(2));
        return new JedisPooled(pool, uri);
    }

    /** The configured salt, or a random one: clear-text keys are hashed when read, with any salt. */
    private static KeyHasher hasher(String salt) {
        return salt == null ? KeyHasher.randomSalt() : new KeyHasher(salt);
    }

    /** A setting from the configuration, else from the environment ({@code gateway.admin.key}: GATEWAY_ADMIN_KEY). */
    private static String setting(Properties config, String name) {
        String value = config.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The budget charges every tenant its own amount (changed by the admin API too), and tells each charge to the usage
     * store: usage is counted from the budget's settles, so the two agree.
     */
    void attach(BudgetGuard budget) {
        tenants.onTenantsChanged(all -> {
            Map<String, Double> limits = new HashMap<>();
            for (Tenant tenant : all) {
                if (tenant.usdPerDay() != null) {
                    limits.put(tenant.name(), tenant.usdPerDay());
                }
            }
            budget.setLimits(limits);
        });
        budget.setUsageRecorder(new UsageCounter(usage));
    }

    /** The admin API on the management server, once the context has started it. */
    void installAdmin(Main main, BudgetGuard budget, ObjectMapper mapper) {
        AdminApi api = new AdminApi(tenants, usage, budget, adminKey, mapper);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport main) {
                // why a startup listener: Main's afterStart is heard by run() only, not by start()
                try {
                    main.getCamelContext().addStartupListener((context, alreadyStarted) -> {
                        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
                        if (server != null) {
                            api.install(server.getRouter());
                        } else {
                            LOG.info("no management server (camel.management.enabled): the admin API is not served");
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the admin API to the management server", e);
                }
            }
        });
    }
}
