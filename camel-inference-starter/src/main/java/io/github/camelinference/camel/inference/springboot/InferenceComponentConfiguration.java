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
package io.github.camelinference.camel.inference.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What only the starter knows under {@code camel.component.inference.*}. The component's own options (base-url,
 * max-tokens, connect-timeout, ...) are not listed here: {@link ComponentOptionBinder} takes them from the component's
 * catalog, and the build writes their IDE metadata from it.
 */
@ConfigurationProperties(prefix = "camel.component.inference")
public class InferenceComponentConfiguration {

    /** Whether to configure the inference component from these properties. */
    private boolean enabled = true;
    /**
     * Where the GenAI metrics (gen_ai.client.operation.duration, gen_ai.client.token.usage, …) are recorded when the
     * application has Micrometer: micrometer (the default: Spring Boot's meters, exported as the application exports
     * them) or opentelemetry (through the component's OpenTelemetry SDK). Never both, so a call is counted once.
     */
    private String genAiMetrics = "micrometer";
    /**
     * Named provider profiles: inference:&lt;name&gt; in a route starts from the block of that name. A block takes the
     * component's options (base-url, api-key, model, deployment, max-tokens, request-timeout, ...) and type: openai,
     * huggingface, azure or openai-compatible, by default from the name (openai-..., huggingface-... or hf-...,
     * azure-..., else openai-compatible). What a block leaves unset comes from the component's options.
     */
    private Map<String, Map<String, String>> providers = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getGenAiMetrics() {
        return genAiMetrics;
    }

    public void setGenAiMetrics(String genAiMetrics) {
        this.genAiMetrics = genAiMetrics;
    }

    public Map<String, Map<String, String>> getProviders() {
        return providers;
    }

    public void setProviders(Map<String, Map<String, String>> providers) {
        this.providers = providers;
    }
}
