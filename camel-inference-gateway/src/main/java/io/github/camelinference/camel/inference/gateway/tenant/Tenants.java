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
import java.util.Map;
import java.util.Properties;
import java.util.Set;

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
public final class Tenants {

    private static final String PREFIX = "gateway.tenant.";

    private final Map<String, Tenant> byKey;

    private Tenants(Map<String, Tenant> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    public static Tenants fromProperties(Properties properties) {
        Map<String, Tenant> byKey = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (!name.startsWith(PREFIX) || !name.endsWith(".key")) {
                continue;
            }
            String tenant = name.substring(PREFIX.length(), name.length() - ".key".length());
            String key = properties.getProperty(name).trim();
            if (key.isEmpty()) {
                throw new IllegalArgumentException(name + " is empty: give tenant '" + tenant + "' a key");
            }
            Set<String> models = new LinkedHashSet<>();
            for (String model : properties.getProperty(PREFIX + tenant + ".models", "").split(",")) {
                if (!model.isBlank()) {
                    models.add(model.trim());
                }
            }
            int perMinute = Integer.parseInt(properties.getProperty(PREFIX + tenant + ".requestsPerMinute", "0").trim());
            if (perMinute < 0) {
                throw new IllegalArgumentException(
                        PREFIX + tenant + ".requestsPerMinute is negative: use 0 for no"
                                                   + " limit");
            }
            Double usdPerDay = usdPerDay(properties, tenant);
            if (byKey.put(key, new Tenant(tenant, Set.copyOf(models), perMinute, usdPerDay)) != null) {
                throw new IllegalArgumentException("two tenants share the key of tenant '" + tenant + "'");
            }
        }
        return new Tenants(byKey);
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

    /** Every tenant. */
    public Collection<Tenant> all() {
        return byKey.values();
    }

    /** The tenant of an {@code Authorization: Bearer <key>} header, or null for a missing or unknown key. */
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
