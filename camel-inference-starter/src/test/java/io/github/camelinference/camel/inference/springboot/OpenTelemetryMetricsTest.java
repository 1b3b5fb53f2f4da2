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

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An application with both Micrometer and an OpenTelemetry SDK that asks for the GenAI metrics in OpenTelemetry
 * ({@code gen-ai-metrics=opentelemetry}): each call is counted once, there; the starter's Micrometer gen_ai meters stay
 * out. (The default, Micrometer, is {@code InferenceAutoConfigurationTest}'s.)
 */
@CamelSpringBootTest
@SpringBootTest(classes = { TestApplication.class, OpenTelemetryMetricsTest.Sdk.class })
class OpenTelemetryMetricsTest {

    @Simulator(Flavour.OPENAI)
    static ProviderSimulator provider;

    static final InMemoryMetricReader READER = InMemoryMetricReader.create();

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.base-url", provider::baseUrl);
        registry.add("camel.component.inference.api-key", () -> "sk-default-test");
        registry.add("camel.component.inference.gen-ai-metrics", () -> "opentelemetry");
        // the test application's other routes name these profiles
        registry.add("camel.component.inference.providers.openai-eu.base-url", provider::baseUrl);
        registry.add("camel.component.inference.providers.openai-eu.model", () -> "gpt-5-nano");
        registry.add("camel.component.inference.providers.hf-cheap.base-url", provider::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.api-key", () -> "hf-test");
    }

    @TestConfiguration
    static class Sdk {
        @Bean(destroyMethod = "close")
        OpenTelemetrySdk openTelemetry() {
            return OpenTelemetrySdk.builder()
                    .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(READER).build()).build();
        }
    }

    @Autowired
    ProducerTemplate template;
    @Autowired
    MeterRegistry meters;
    @Autowired
    InferenceComponent component;
    @Autowired
    OpenTelemetry openTelemetry;

    @Test
    void withAnOpenTelemetrySdkEachCallIsCountedOnceThroughItAndNotInMicrometer() {
        Exchange answered = template.request("direct:default", e -> e.getMessage().setBody("one two three"));
        assertNull(answered.getException());

        assertSame(openTelemetry, component.getOpenTelemetry(), "the component was autowired with the SDK");
        assertTrue(component.telemetry().isGenAiMetrics());
        MetricData duration = READER.collectAllMetrics().stream()
                .filter(m -> m.getName().equals("gen_ai.client.operation.duration")).findFirst().orElseThrow();
        assertEquals(1, duration.getHistogramData().getPoints().stream().mapToLong(HistogramPointData::getCount)
                .sum());
        assertNull(meters.find("gen_ai.client.operation.duration").timer(), "not counted a second time");
        assertNull(meters.find("gen_ai.client.token.usage").summary());
    }
}
