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
package io.github.camelinference.examples.springboot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spans and GenAI metrics over OTLP, when the standard {@code OTEL_*} environment variables ask for an export
 * ({@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_TRACES_EXPORTER}, …): the SDK as its own autoconfigure builds it,
 * as a bean the inference component is autowired with (the starter then leaves its Micrometer {@code gen_ai.*} meters
 * out, so each call is counted once). Without those variables there is no SDK and nothing is exported.
 *
 * <pre>
 * OTEL_EXPORTER_OTLP_ENDPOINT=http://localhost:4318 OTEL_SERVICE_NAME=ask-service mvn -pl examples/failover-spring-boot spring-boot:run
 * </pre>
 *
 * Spans leave through the SDK's batch processor (a bounded queue, {@code OTEL_BSP_MAX_QUEUE_SIZE}): a collector that is
 * down never holds up a call, and the spans past the queue are dropped and counted.
 */
@Configuration(proxyBeanMethods = false)
public class OtlpExport {

    /** Any of these set asks for an export. */
    static final List<String> EXPORT_SETTINGS = List.of("OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_TRACES_EXPORTER",
            "OTEL_METRICS_EXPORTER");
    /** Passed on to the SDK's autoconfigure, read through Spring's Environment (variables, -D, test properties). */
    private static final List<String> PASSED_ON = List.of("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES",
            "OTEL_TRACES_EXPORTER", "OTEL_METRICS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL",
            "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE",
            "OTEL_BSP_SCHEDULE_DELAY", "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE",
            "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG");

    @Bean(destroyMethod = "close")
    @Conditional(ExportRequested.class)
    OpenTelemetrySdk openTelemetry(Environment environment) {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", environment.getProperty("spring.application.name", "ask-service"));
        properties.put("otel.logs.exporter", "none"); // logs go through Spring Boot's logging, not OTLP
        for (String name : PASSED_ON) {
            String value = environment.getProperty(name);
            if (value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
            }
        }
        return AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> properties)
                .disableShutdownHook() // Spring closes the bean, after Camel has stopped
                .build().getOpenTelemetrySdk();
    }

    /** An export is asked for, and the SDK is not disabled. */
    static final class ExportRequested implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Environment environment = context.getEnvironment();
            if ("true".equalsIgnoreCase(environment.getProperty("OTEL_SDK_DISABLED"))) {
                return false;
            }
            return EXPORT_SETTINGS.stream().map(environment::getProperty)
                    .anyMatch(value -> value != null && !value.isBlank());
        }
    }
}
