package io.github.camelinference.examples.gateway.tenant;

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
