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

import java.util.Set;

/**
 * A caller of the gateway: the name its budget is counted under, the public models it may use, how many requests a
 * minute it may send, and what it may spend a day.
 *
 * @param models            the model names it may call; empty for all
 * @param requestsPerMinute its request rate limit; 0 for none
 * @param usdPerDay         its own budget in USD per UTC day; null for the gateway's ({@code gateway.budget.usdPerDay})
 */
public record Tenant(String name, Set<String> models, int requestsPerMinute, Double usdPerDay) {

    /** A tenant with the gateway's budget amount. */
    public Tenant(String name, Set<String> models, int requestsPerMinute) {
        this(name, models, requestsPerMinute, null);
    }

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
