package io.github.camelinference.examples.gateway.tenant;

import java.util.Set;

/**
 * A caller of the gateway: the name its budget is counted under, the public models it may use, and how many requests
 * a minute it may send.
 *
 * @param models            the model names it may call; empty for all
 * @param requestsPerMinute its request rate limit; 0 for none
 */
public record Tenant(String name, Set<String> models, int requestsPerMinute) {

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
