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
package io.github.camelinference.examples.failover;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;

/**
 * Where the example's two providers are: the real services when {@code OPENAI_API_KEY} / {@code HF_TOKEN} are set,
 * otherwise simulators on loopback. The keys themselves never pass through here: the routes read them with
 * {@code {{env:...}}} placeholders. The OpenAI model is one variable away: {@code OPENAI_MODEL} (default gpt-5-mini,
 * which OpenAI shuts down on 2026-12-11), and {@code OPENAI_SUCCESSOR_MODEL} names the model that takes over from
 * gpt-5-mini once it is retired (application.properties: {@code modelSuccessors}).
 */
final class Providers implements AutoCloseable {

    /** The model the example calls on OpenAI unless OPENAI_MODEL names another. */
    static final String DEFAULT_MODEL = "gpt-5-mini";
    /**
     * The model that takes over from gpt-5-mini once it is retired, unless OPENAI_SUCCESSOR_MODEL names another: the
     * replacement OpenAI recommends on its deprecations page (developers.openai.com/api/docs/deprecations, read on
     * 2026-12-05: gpt-5-mini and gpt-5-mini-2025-08-07 shut down on 2026-12-11, replacement gpt-6.1-terra).
     */
    static final String DEFAULT_SUCCESSOR_MODEL = "gpt-6.1-terra";

    private final ProviderSimulator openai;
    private final ProviderSimulator huggingface;
    private final String model;
    private final String successorModel;
    /** Set when the primary is an Azure OpenAI resource (AZURE_OPENAI_ENDPOINT) rather than OpenAI. */
    private final String azureEndpoint;
    private final boolean azureKey;

    private Providers(ProviderSimulator openai, ProviderSimulator huggingface, String model, String successorModel,
                      String azureEndpoint, boolean azureKey) {
        this.openai = openai;
        this.azureEndpoint = azureEndpoint;
        this.azureKey = azureKey;
        this.huggingface = huggingface;
        this.model = model;
        this.successorModel = successorModel;
    }

    static Providers fromEnvironment(Function<String, String> env) {
        Reply realistic = Reply.answer().delayedBetween(Duration.ofMillis(20), Duration.ofMillis(80));
        String azureEndpoint = env.apply("AZURE_OPENAI_ENDPOINT");
        if (isSet(azureEndpoint)) {
            // OpenAI's models through Azure: the deployment is the model, the key or Entra ID the credential
            ProviderSimulator huggingface = isSet(env.apply("HF_TOKEN"))
                    ? null
                    : ProviderSimulator.start(Flavour.HUGGINGFACE).always(realistic);
            return new Providers(
                    null, huggingface, orDefault(env.apply("AZURE_OPENAI_DEPLOYMENT"), DEFAULT_MODEL),
                    orDefault(env.apply("OPENAI_SUCCESSOR_MODEL"), DEFAULT_SUCCESSOR_MODEL), azureEndpoint.trim(),
                    isSet(env.apply("AZURE_OPENAI_API_KEY")));
        }
        ProviderSimulator openai = isSet(env.apply("OPENAI_API_KEY"))
                ? null
                : ProviderSimulator.start(Flavour.OPENAI).always(realistic);
        ProviderSimulator huggingface = isSet(env.apply("HF_TOKEN"))
                ? null
                : ProviderSimulator.start(Flavour.HUGGINGFACE).always(realistic);
        return new Providers(
                openai, huggingface, orDefault(env.apply("OPENAI_MODEL"), DEFAULT_MODEL),
                orDefault(env.apply("OPENAI_SUCCESSOR_MODEL"), DEFAULT_SUCCESSOR_MODEL), null, false);
    }

    private static String orDefault(String value, String otherwise) {
        return isSet(value) ? value.trim() : otherwise;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** Property placeholders the YAML routes use. */
    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (azureEndpoint != null) {
            // no key in the URI: the component reads AZURE_OPENAI_API_KEY itself, and without it uses Microsoft Entra
            // ID through DefaultAzureCredential (AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_CLIENT_SECRET, a managed or
            // workload identity, or az login)
            p.put("openai.provider", "azure");
            p.put("openai.baseUrl", azureEndpoint);
            p.put("openai.apiKey", "");
        } else {
            p.put("openai.provider", "openai");
            p.put("openai.baseUrl", openai == null ? "https://api.openai.com/v1" : openai.baseUrl());
            p.put("openai.apiKey", openai == null ? "{{env:OPENAI_API_KEY}}" : "sk-simulated");
        }
        p.put("openai.model", model);
        p.put("openai.successorModel", successorModel);
        p.put("hf.baseUrl", huggingface == null ? "https://router.huggingface.co/v1" : huggingface.baseUrl());
        p.put("hf.apiKey", huggingface == null ? "{{env:HF_TOKEN}}" : "hf_simulated");
        p.put("hf.model", "openai/gpt-oss-120b");
        p.put("hf.euBackend", "nebius");
        return p;
    }

    /** The simulated OpenAI, whose outage the example stages; null when the real service is used. */
    ProviderSimulator simulatedPrimary() {
        return openai;
    }

    /** The primary's provider name: {@code azure} with AZURE_OPENAI_ENDPOINT, else {@code openai}. */
    String primaryProvider() {
        return azureEndpoint != null ? "azure" : "openai";
    }

    String model() {
        return model;
    }

    String successorModel() {
        return successorModel;
    }

    boolean anyReal() {
        return openai == null || huggingface == null;
    }

    String describe() {
        String primary = azureEndpoint != null
                ? String.format("primary  Azure  %-17s %s (%s)", model, azureEndpoint,
                        azureKey ? "AZURE_OPENAI_API_KEY" : "Entra ID")
                : String.format("primary  OpenAI %-17s ", model) + (openai == null
                        ? "api.openai.com (OPENAI_API_KEY)"
                        : "simulated at " + openai.baseUrl());
        return primary + "\n"
               + "fallback HF router gpt-oss-120b   " + (huggingface == null
                       ? "router.huggingface.co (HF_TOKEN)"
                       : "simulated at " + huggingface.baseUrl());
    }

    @Override
    public void close() {
        if (openai != null) {
            openai.close();
        }
        if (huggingface != null) {
            huggingface.close();
        }
    }
}
