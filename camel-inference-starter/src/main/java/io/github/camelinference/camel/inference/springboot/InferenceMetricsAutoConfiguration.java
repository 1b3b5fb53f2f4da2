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

import java.util.Locale;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * When the application has Micrometer, every call of the inference component is recorded as GenAI metrics there, and
 * the component's own OpenTelemetry GenAI metrics are off, so a call is counted once; with
 * {@code camel.component.inference.gen-ai-metrics=opentelemetry} it is the other way round. Spans are recorded through
 * OpenTelemetry either way.
 */
@AutoConfiguration(after = InferenceAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(InferenceComponent.class)
public class InferenceMetricsAutoConfiguration {

    static final String MICROMETER = "micrometer";
    static final String OPENTELEMETRY = "opentelemetry";

    /** Registered once every bean exists, so it works whichever auto-configuration creates the registry. */
    @Bean
    SmartInitializingSingleton inferenceGenAiMetrics(
            InferenceComponent component,
            ObjectProvider<MeterRegistry> registries,
            InferenceComponentConfiguration properties) {
        String where = properties.getGenAiMetrics() == null
                ? MICROMETER
                : properties.getGenAiMetrics().trim().toLowerCase(Locale.ROOT);
        if (!MICROMETER.equals(where) && !OPENTELEMETRY.equals(where)) {
            throw new IllegalArgumentException(
                    "camel.component.inference.gen-ai-metrics must be micrometer or"
                                               + " opentelemetry, was '" + properties.getGenAiMetrics() + "'");
        }
        return () -> {
            if (OPENTELEMETRY.equals(where)) {
                return; // the component records them through OpenTelemetry (its default)
            }
            registries.ifAvailable(registry -> {
                component.setOpenTelemetryMetrics(false);
                component.addCallObserver(new GenAiMetrics(registry));
            });
        };
    }
}
