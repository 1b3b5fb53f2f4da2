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
package io.github.camelinference.camel.inference.gateway.status;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelinference.camel.inference.InferenceConfiguration;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.gateway.config.ProviderConfig;
import io.github.camelinference.camel.inference.provider.ProviderType;

/**
 * Which configured provider ({@code gateway.provider.<name>.*}) an {@code inference:} endpoint calls, so the status
 * page has a row per configured provider: two providers of one type (two OpenAI accounts, two Azure resources, two
 * servers behind {@code inference:openai?baseUrl=…}) are two rows. An endpoint belongs to the provider of its type with
 * its base URL (or Azure resource); when several share both, the key tells them apart. An endpoint that matches none
 * (the demo's, a YAML route's own server) keeps the component's provider name. Decided once per endpoint.
 */
public final class ProviderNames {

    private final List<ProviderConfig> configured;
    private final Map<InferenceEndpoint, String> decided = new ConcurrentHashMap<>();

    public ProviderNames(Collection<ProviderConfig> configured) {
        this.configured = List.copyOf(configured);
    }

    /** The row an endpoint's calls count in: its configured provider's name, else its own provider name. */
    public String of(InferenceEndpoint endpoint) {
        String name = decided.get(endpoint);
        return name != null ? name : decided.computeIfAbsent(endpoint, this::decide);
    }

    private String decide(InferenceEndpoint endpoint) {
        ProviderType type = type(endpoint);
        InferenceConfiguration config = endpoint.getConfiguration();
        List<ProviderConfig> sameServer = new ArrayList<>();
        for (ProviderConfig provider : configured) {
            if (provider.type() == type && Objects.equals(provider.resource(), config.getResource())
                    && url(resolved(endpoint, provider.baseUrl()), type).equals(url(config.getBaseUrl(), type))) {
                sameServer.add(provider);
            }
        }
        if (sameServer.size() == 1) {
            return sameServer.get(0).name();
        }
        for (ProviderConfig provider : sameServer) {
            if (Objects.equals(resolved(endpoint, provider.key()), config.getApiKey())) {
                return provider.name();
            }
        }
        return endpoint.getProvider();
    }

    /** How a row's type is shown: {@code openai}, {@code huggingface}, {@code azure}, {@code openai-compatible}. */
    static String typeName(InferenceEndpoint endpoint) {
        return type(endpoint).configName();
    }

    private static ProviderType type(InferenceEndpoint endpoint) {
        return endpoint.options() != null
                ? endpoint.options().providerType() : ProviderType.forName(endpoint.getProvider());
    }

    /** A base URL as both sides write it: the type's default when unset, without a trailing slash. */
    private static String url(String baseUrl, ProviderType type) {
        String url = baseUrl != null && !baseUrl.isBlank() ? baseUrl.trim() : type.defaultBaseUrl();
        return url == null ? "" : url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A setting as the endpoint received it: Camel resolves placeholders ({@code {{env:…}}}) in endpoint URIs. */
    private static String resolved(InferenceEndpoint endpoint, String value) {
        if (value == null || !value.contains("{{")) {
            return value;
        }
        try {
            return endpoint.getCamelContext().resolvePropertyPlaceholders(value);
        } catch (RuntimeException unresolvable) {
            return value; // an unset variable: the endpoint could not have been given it either
        }
    }
}
