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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The gateway's own keys, each mapped to a {@link Tenant}, read from configuration:
 *
 * <pre>
 * gateway.tenant.acme.key    = gk-acme-...
 * gateway.tenant.acme.models = smart,cheap
 * gateway.tenant.acme.requestsPerMinute = 600
 * gateway.tenant.acme.usdPerDay = 20
 * # or, in place of the key, its hash made with gateway.keys.salt (KeyHasher prints it)
 * gateway.tenant.globex.keyHash = hmac-sha256:...
 * </pre>
 *
 * A key given in clear text is hashed when read and only its hash is kept ({@link KeyedTenantStore}); a key is never
 * logged nor put in a message. The admin API's changes apply in memory until the gateway stops.
 */
public final class Tenants extends KeyedTenantStore {

    private static final String PREFIX = "gateway.tenant.";
    /** What a tenant may set: {@code gateway.tenant.<tenant>.<setting>}. */
    public static final List<String> SETTINGS = List.of("key", "keyHash", "models", "requestsPerMinute", "usdPerDay");

    private Tenants(KeyHasher hasher) {
        super(hasher);
    }

    public static Tenants fromProperties(Properties properties) {
        return fromProperties(properties, key -> null);
    }

    /** The same with a random salt: only keys in clear text can be given then. */
    public static Tenants fromProperties(Properties properties, Function<String, String> where) {
        return fromProperties(properties, where, KeyHasher.randomSalt());
    }

    /**
     * Reads every {@code gateway.tenant.*} setting; refuses a tenant without a key, two tenants with the same key, and
     * a setting a tenant does not have, naming where each was set.
     *
     * @param where where a property was set ({@code gateway.properties line 12}), or null when unknown
     */
    public static Tenants fromProperties(Properties properties, Function<String, String> where, KeyHasher hasher) {
        Map<String, String> firstSetting = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            String tenant = dot > PREFIX.length() ? name.substring(PREFIX.length(), dot) : "";
            String setting = name.substring(dot + 1);
            if (tenant.isEmpty() || !SETTINGS.contains(setting)) {
                throw new IllegalArgumentException(
                        name + at(where, name) + " is not a tenant setting: use " + PREFIX + "<tenant>.<setting>, with"
                                                   + " setting one of " + String.join(", ", SETTINGS));
            }
            firstSetting.putIfAbsent(tenant, name);
        }
        Tenants tenants = new Tenants(hasher);
        Map<String, String> whereByHash = new HashMap<>();
        for (Map.Entry<String, String> entry : firstSetting.entrySet()) {
            String tenant = entry.getKey();
            String keyName = PREFIX + tenant + ".key";
            String hashName = PREFIX + tenant + ".keyHash";
            String key = properties.getProperty(keyName);
            String hash = properties.getProperty(hashName);
            if (key == null && hash == null) {
                throw new IllegalArgumentException(
                        "tenant '" + tenant + "' has no key: " + entry.getValue() + at(where, entry.getValue())
                                                   + " is set, " + keyName + " is not; add " + keyName
                                                   + " = <a secret of your choice> (or " + hashName
                                                   + "), or remove the tenant's settings");
            }
            if (key != null && hash != null) {
                throw new IllegalArgumentException(
                        keyName + at(where, keyName) + " and " + hashName + at(where, hashName)
                                                   + " are both set: give tenant '" + tenant + "' one of them");
            }
            String setting = key != null ? keyName : hashName;
            String value = (key != null ? key : hash).trim();
            if (value.isEmpty()) {
                throw new IllegalArgumentException(
                        setting + at(where, setting) + " is empty: give tenant '" + tenant + "' a key");
            }
            if (hash != null) {
                checkHash(hashName + at(where, hashName), value, hasher);
            }
            Set<String> models = new LinkedHashSet<>();
            for (String model : properties.getProperty(PREFIX + tenant + ".models", "").split(",")) {
                if (!model.isBlank()) {
                    models.add(model.trim());
                }
            }
            int perMinute = requestsPerMinute(properties, tenant, where);
            Double usdPerDay = usdPerDay(properties, tenant);
            tenants.applyTenant(new Tenant(tenant, Set.copyOf(models), perMinute, usdPerDay));
            String stored = hash != null ? value : hasher.hash(value);
            tenants.addConfiguredKey(new StoredKey("config-" + tenant, tenant, stored, Instant.EPOCH),
                    setting + at(where, setting), whereByHash);
        }
        return tenants;
    }

    /** A configured hash must be one this gateway can match: its scheme, with the salt it was made with. */
    private static void checkHash(String setting, String value, KeyHasher hasher) {
        if (!KeyHasher.isHash(value)) {
            throw new IllegalArgumentException(
                    setting + " is not a key hash: write " + KeyHasher.SCHEME + "<base64url>, as KeyHasher prints it,"
                                               + " or give the key itself as .key");
        }
        if (hasher.isRandom()) {
            throw new IllegalArgumentException(
                    setting + " needs gateway.keys.salt, the salt it was made with (or GATEWAY_KEYS_SALT)");
        }
    }

    private static int requestsPerMinute(Properties properties, String tenant, Function<String, String> where) {
        String name = PREFIX + tenant + ".requestsPerMinute";
        String value = properties.getProperty(name, "0").trim();
        int perMinute;
        try {
            perMinute = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + at(where, name) + " is not a whole number of requests: '" + value + "'", e);
        }
        if (perMinute < 0) {
            throw new IllegalArgumentException(name + at(where, name) + " is negative: use 0 for no limit");
        }
        return perMinute;
    }

    /** " (gateway.properties line 12)", or nothing when the origin is unknown. */
    private static String at(Function<String, String> where, String name) {
        String origin = where.apply(name);
        return origin == null ? "" : " (" + origin + ")";
    }

    /** The tenant's own budget amount, or null when it has none (the gateway's applies). */
    private static Double usdPerDay(Properties properties, String tenant) {
        String name = PREFIX + tenant + ".usdPerDay";
        String value = properties.getProperty(name, "").trim();
        if (value.isEmpty()) {
            return null;
        }
        double usd;
        try {
            usd = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number of USD: '" + value + "'", e);
        }
        if (!(usd > 0)) {
            throw new IllegalArgumentException(
                    name + " must be more than 0 USD, was " + value + "; to stop a tenant,"
                                               + " remove its key");
        }
        return usd;
    }
}
