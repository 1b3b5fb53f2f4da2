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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.provider.ProviderType;

/**
 * A provider the gateway calls, from {@code gateway.provider.<name>.*}:
 *
 * <pre>
 * gateway.provider.local.type    = openai-compatible     # openai, huggingface, azure or openai-compatible
 * gateway.provider.local.baseUrl = http://vllm.internal:8000/v1
 * gateway.provider.local.key     = {{env:VLLM_KEY}}      # optional for openai-compatible
 * gateway.provider.corp.type     = azure
 * gateway.provider.corp.resource = my-resource          # or baseUrl; calls go to https://my-resource.openai.azure.com
 * gateway.provider.corp.credential = entra              # api-key (with key), entra, or #bean (a TokenCredential)
 * </pre>
 *
 * The key is written into the endpoint as {@code apiKey=RAW(…)}, a secret option the component masks; a
 * {@code {{env:…}}} placeholder is resolved by Camel only then.
 *
 * @param credential Azure only: {@code api-key}, {@code entra} or {@code #bean}; null for the others
 */
public record ProviderConfig(
        String name, ProviderType type, String baseUrl, String key, String resource, String apiVersion,
        String credential) {

    static final List<String> SETTINGS = List.of("type", "baseUrl", "key", "resource", "apiVersion", "credential");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Set<String> BUILT_IN_NAMES = Set.of("openai", "huggingface", "hf", "azure");

    /** Every configured provider by name, refusing what the component could not call and naming where it was set. */
    public static Map<String, ProviderConfig> fromConfig(GatewayConfig config) {
        Map<String, String> firstSetting = new TreeMap<>();
        for (String property : config.properties().stringPropertyNames()) {
            if (!property.startsWith(GatewayConfig.PROVIDER_PREFIX)) {
                continue;
            }
            int dot = property.lastIndexOf('.');
            String name = dot > GatewayConfig.PROVIDER_PREFIX.length()
                    ? property.substring(GatewayConfig.PROVIDER_PREFIX.length(), dot) : "";
            String setting = property.substring(dot + 1);
            if (!NAME.matcher(name).matches() || !SETTINGS.contains(setting)) {
                throw new IllegalArgumentException(
                        property + at(config, property) + " is not a provider setting: use "
                                                   + GatewayConfig.PROVIDER_PREFIX
                                                   + "<name>.<setting>, with a name of letters, digits, - and _, and"
                                                   + " setting one of " + String.join(", ", SETTINGS));
            }
            firstSetting.putIfAbsent(name, property);
        }
        Map<String, ProviderConfig> providers = new TreeMap<>();
        firstSetting.forEach((name, property) -> providers.put(name, read(config, name, property)));
        return providers;
    }

    private static ProviderConfig read(GatewayConfig config, String name, String firstSetting) {
        String prefix = GatewayConfig.PROVIDER_PREFIX + name + ".";
        String typeName = prefix + "type";
        String typeValue = value(config, typeName);
        if (typeValue == null) {
            throw new IllegalArgumentException(
                    "provider '" + name + "' has no type: " + firstSetting + at(config, firstSetting) + " is set, "
                                               + typeName + " is not; add " + typeName
                                               + " = openai, huggingface, azure or openai-compatible");
        }
        ProviderType type;
        try {
            type = ProviderType.parse(typeValue);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    typeName + " = " + typeValue + at(config, typeName) + ": unknown provider type; use openai,"
                                               + " huggingface, azure or openai-compatible",
                    e);
        }
        String baseUrl = value(config, prefix + "baseUrl");
        String resource = value(config, prefix + "resource");
        String apiVersion = value(config, prefix + "apiVersion");
        String key = value(config, prefix + "key");
        String credential = value(config, prefix + "credential");
        if (type == ProviderType.OPENAI_COMPATIBLE) {
            if (baseUrl == null) {
                throw new IllegalArgumentException(
                        "provider '" + name + "' (" + typeName + at(config, typeName) + ") is openai-compatible and has"
                                                   + " no base URL: add " + prefix
                                                   + "baseUrl = the server's OpenAI base, such as http://host:8000/v1");
            }
            if (BUILT_IN_NAMES.contains(name)) {
                throw new IllegalArgumentException(
                        "provider '" + name + "' (" + typeName + at(config, typeName) + ") is openai-compatible but is"
                                                   + " named like a built-in type, which would call it as that type:"
                                                   + " give it another name, or type " + name);
            }
        }
        if (type != ProviderType.AZURE) {
            for (String azureOnly : List.of("resource", "apiVersion", "credential")) {
                if (value(config, prefix + azureOnly) != null) {
                    throw new IllegalArgumentException(
                            prefix + azureOnly + at(config, prefix + azureOnly) + " is an Azure setting, and provider '"
                                                       + name + "' is " + typeValue + ": remove it");
                }
            }
        } else {
            if (baseUrl == null && resource == null) {
                throw new IllegalArgumentException(
                        "Azure provider '" + name + "' (" + typeName + at(config, typeName) + ") needs " + prefix
                                                   + "resource (the resource's name) or " + prefix
                                                   + "baseUrl (its full endpoint URL)");
            }
            credential = azureCredential(config, prefix, key, credential);
        }
        return new ProviderConfig(name, type, baseUrl, key, resource, apiVersion, credential);
    }

    private static String azureCredential(GatewayConfig config, String prefix, String key, String credential) {
        String name = prefix + "credential";
        if (credential == null) {
            return key != null ? "api-key" : "entra";
        }
        if ("api-key".equals(credential) && key == null) {
            throw new IllegalArgumentException(
                    name + " = api-key" + at(config, name) + " but " + prefix + "key is not set: add the key, or use"
                                               + " credential = entra (Microsoft Entra ID)");
        }
        if (("entra".equals(credential) || credential.startsWith("#")) && key != null) {
            throw new IllegalArgumentException(
                    name + " = " + credential + at(config, name) + " and " + prefix + "key are both set: keep one");
        }
        if (!"api-key".equals(credential) && !"entra".equals(credential)
                && !(credential.startsWith("#") && credential.length() > 1)) {
            throw new IllegalArgumentException(
                    name + " = " + credential + at(config, name) + ": use api-key, entra (DefaultAzureCredential), or"
                                               + " #beanName (a TokenCredential bound in the registry)");
        }
        return credential;
    }

    /** The value of a setting, trimmed; null when unset or blank. */
    private static String value(GatewayConfig config, String property) {
        String value = config.get(property);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String at(GatewayConfig config, String property) {
        String origin = config.origin(property);
        return origin == null ? "" : " (" + origin + ")";
    }

    /** The component's provider name: the type's own, or this provider's name for an OpenAI-compatible server. */
    public String scheme() {
        return switch (type) {
            case OPENAI -> "openai";
            case HUGGINGFACE -> "huggingface";
            case AZURE -> "azure";
            case OPENAI_COMPATIBLE -> name;
        };
    }

    /** An {@code inference:} endpoint URI calling this provider's {@code model}, before the call's own options. */
    public String endpointUri(String model) {
        StringBuilder uri = new StringBuilder("inference:").append(scheme()).append("?model=RAW(").append(model)
                .append(')');
        if (baseUrl != null) {
            uri.append("&baseUrl=RAW(").append(baseUrl).append(')');
        }
        if (resource != null) {
            uri.append("&resource=").append(resource);
        }
        if (apiVersion != null) {
            uri.append("&apiVersion=").append(apiVersion);
        }
        if (key != null) {
            uri.append("&apiKey=RAW(").append(key).append(')');
        }
        if (credential != null && credential.startsWith("#")) {
            uri.append("&credential=").append(credential);
        }
        return uri.toString();
    }

    /** Where it is, without its key, for the log at start. */
    public String describe() {
        String where = baseUrl != null ? baseUrl : resource != null ? "Azure resource " + resource : "default URL";
        return name + " (" + type.configName() + ", " + where + ")";
    }
}
