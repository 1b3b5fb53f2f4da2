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
package io.github.camelinference.camel.inference.gateway.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A public model in the short form: its name and its targets, tried in order by the failover step.
 *
 * <pre>
 * gateway.models.fast  = local:qwen3-8b, openai:gpt-5-mini
 * gateway.models.smart = openai:gpt-5-mini?reasoningEffort=low, hf:openai/gpt-oss-120b:fastest
 * </pre>
 *
 * A target is {@code <provider>:<model>}, the provider one of {@code gateway.provider.*}; the model runs to the end
 * (Hugging Face's {@code :policy} suffix included), and endpoint options may follow after {@code ?}.
 */
public record ModelConfig(String name, List<Target> targets) {

    static final String PREFIX = "gateway.models.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** One target: a provider's model, with the endpoint options given after {@code ?} (or none). */
    public record Target(ProviderConfig provider, String model, String options) {

        /** The {@code inference:} endpoint URI, before the call's own options. */
        public String endpointUri() {
            String uri = provider.endpointUri(model);
            return options.isEmpty() ? uri : uri + "&" + options;
        }
    }

    /** Every short-form model, refusing one without targets or naming an unknown provider, with where it was set. */
    public static Map<String, ModelConfig> fromConfig(GatewayConfig config, Map<String, ProviderConfig> providers) {
        Map<String, ModelConfig> models = new TreeMap<>();
        for (String property : config.properties().stringPropertyNames()) {
            if (!property.startsWith(PREFIX)) {
                continue;
            }
            String name = property.substring(PREFIX.length());
            String at = ProviderConfig.at(config, property);
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        property + at + ": a model name is letters, digits, '.', '-' and '_', such as "
                                                   + PREFIX + "fast");
            }
            List<Target> targets = new ArrayList<>();
            for (String entry : config.get(property).split(",")) {
                if (!entry.isBlank()) {
                    targets.add(target(property, at, entry.trim(), providers));
                }
            }
            if (targets.isEmpty()) {
                throw new IllegalArgumentException(
                        "model '" + name + "' has no targets: " + property + at + " is empty; list its targets in"
                                                   + " order, such as " + property
                                                   + " = local:qwen3-8b, openai:gpt-5-mini");
            }
            models.put(name, new ModelConfig(name, List.copyOf(targets)));
        }
        return models;
    }

    private static Target target(String property, String at, String entry, Map<String, ProviderConfig> providers) {
        int colon = entry.indexOf(':');
        if (colon <= 0 || colon == entry.length() - 1) {
            throw new IllegalArgumentException(
                    property + at + ": '" + entry + "' is not a target; write <provider>:<model>, such as"
                                               + " openai:gpt-5-mini");
        }
        String providerName = entry.substring(0, colon);
        ProviderConfig provider = providers.get(providerName);
        if (provider == null) {
            throw new IllegalArgumentException(
                    property + at + ": '" + entry + "' names provider '" + providerName + "', which is not configured;"
                                               + " configured: " + (providers.isEmpty()
                                                       ? "none" : String.join(", ",
                                                               providers.keySet()))
                                               + " (add " + GatewayConfig.PROVIDER_PREFIX + providerName + ".type = …)");
        }
        String model = entry.substring(colon + 1);
        int query = model.indexOf('?');
        String options = query < 0 ? "" : model.substring(query + 1);
        model = query < 0 ? model : model.substring(0, query);
        if (model.isBlank()) {
            throw new IllegalArgumentException(property + at + ": '" + entry + "' names no model after the provider");
        }
        return new Target(provider, model.trim(), options);
    }
}
