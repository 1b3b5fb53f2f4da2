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
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * What the admin API changes. Every change completes once this gateway enforces it, and, on a shared store, once every
 * gateway instance sharing it does; none of them waits on I/O in a thread.
 */
public interface TenantAdmin {

    /** A key as it is listed: never the key, nor its hash. */
    record KeyInfo(String id, String tenant, Instant createdAt) {
    }

    /** A new key, the only time it is shown. */
    record CreatedKey(String id, String tenant, String key, Instant createdAt) {
        @Override
        public String toString() {
            return "CreatedKey[" + id + " of " + tenant + "]"; // never the key
        }
    }

    /** Makes a key for an existing tenant; fails with {@link UnknownTenantException} for another. */
    CompletionStage<CreatedKey> createKey(String tenant);

    /** Revokes a key by its id: true, or false when there is no such key. */
    CompletionStage<Boolean> revokeKey(String id);

    /** Creates or replaces a tenant's models and limits. */
    CompletionStage<Tenant> putTenant(Tenant tenant);

    Collection<Tenant> tenants();

    Collection<KeyInfo> keys();

    /** A key for a tenant the store does not have. */
    final class UnknownTenantException extends IllegalArgumentException {
        public UnknownTenantException(String tenant) {
            super("no tenant '" + tenant + "': create it first with PUT /admin/tenants/" + tenant);
        }
    }
}
