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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
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
 * </pre>
 *
 * Keys are compared in constant time; a key is never logged nor put in a message.
 */
public final class Tenants implements TenantStore {

    private static final String PREFIX = "gateway.tenant.";
    private static final List<String> SETTINGS = List.of("key", "models", "requestsPerMinute", "usdPerDay");

    private final Map<String, Tenant> byKey;

    private Tenants(Map<String, Tenant> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static Tenants fromProperties(Properties properties) {
        return fromProperties(properties, key -> null);
    }

    /**
     * Reads every {@code gateway.tenant.*} setting; refuses a tenant without a key, two tenants with the same key, and
     * a setting a tenant does not have, naming where each was set.
     *
     * @param where where a property was set ({@code gateway.properties line 12}), or null when unknown
     */
    public static Tenants fromProperties(Properties properties, Function<String, String> where) {
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
        Map<String, Tenant> byKey = new HashMap<>();
        Map<String, String> keyNames = new HashMap<>();
        for (Map.Entry<String, String> entry : firstSetting.entrySet()) {
            String tenant = entry.getKey();
            String keyName = PREFIX + tenant + ".key";
            String key = properties.getProperty(keyName);
            if (key == null) {
                throw new IllegalArgumentException(
                        "tenant '" + tenant + "' has no key: " + entry.getValue() + at(where, entry.getValue())
                                                   + " is set, " + keyName + " is not; add " + keyName
                                                   + " = <a secret of your choice>, or remove the tenant's settings");
            }
            key = key.trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(
                        keyName + at(where, keyName) + " is empty: give tenant '" + tenant + "' a key");
            }
            Set<String> models = new LinkedHashSet<>();
            for (String model : properties.getProperty(PREFIX + tenant + ".models", "").split(",")) {
                if (!model.isBlank()) {
                    models.add(model.trim());
                }
            }
            int perMinute = requestsPerMinute(properties, tenant, where);
            Double usdPerDay = usdPerDay(properties, tenant);
            String other = keyNames.put(key, keyName);
            if (other != null) {
                throw new IllegalArgumentException(
                        other + at(where, other) + " and " + keyName + at(where, keyName)
                                                   + " are the same key: give each tenant a key of its own");
            }
            byKey.put(key, new Tenant(tenant, Set.copyOf(models), perMinute, usdPerDay));
        }
        return new Tenants(byKey);
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

    @Override
    public Collection<Tenant> all() {
        return byKey.values();
    }

    @Override
    public Tenant authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        byte[] presented = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        Tenant found = null;
        for (Map.Entry<String, Tenant> entry : byKey.entrySet()) {
            // why: compare against every key, in constant time, so timing says nothing about which keys exist
            if (MessageDigest.isEqual(entry.getKey().getBytes(StandardCharsets.UTF_8), presented)) {
                found = entry.getValue();
            }
        }
        Arrays.fill(presented, (byte) 0);
        return found;
    }

    public int size() {
        return byKey.size();
    }
}
