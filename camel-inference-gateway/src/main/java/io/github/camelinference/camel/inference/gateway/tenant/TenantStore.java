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

import java.util.Collection;

/**
 * Where the gateway finds the tenant behind a key. The HTTP side ({@code ChatCompletionsIn}, {@code ModelsOut}) and the
 * budget setup only see this interface; {@code Gateway.tenantStore} picks the implementation, today {@link Tenants}
 * (keys from configuration). A store with hashed keys, or one on Redis, replaces it there.
 */
public interface TenantStore {

    /**
     * The tenant of an {@code Authorization: Bearer <key>} header, or null for a missing or unknown key. Runs on a
     * Vert.x worker for every request: it must not block on I/O.
     */
    Tenant authenticate(String authorization);

    /** Every tenant, for the budget amounts set at start. */
    Collection<Tenant> all();
}
