package io.github.camelinference.examples.gateway.tenant;

import java.util.Set;

/**
 * A caller of the gateway: the name its budget is counted under, and the public models it may use.
 *
 * @param models the model names it may call; empty for all
 */
public record Tenant(String name, Set<String> models) {

    public boolean mayUse(String model) {
        return models.isEmpty() || models.contains(model);
    }
}
