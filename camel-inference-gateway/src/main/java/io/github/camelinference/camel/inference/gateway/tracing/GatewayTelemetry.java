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
package io.github.camelinference.camel.inference.gateway.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;

/**
 * The gateway's OpenTelemetry SDK, made by the SDK's own autoconfigure from the standard {@code OTEL_*} environment
 * variables (OTLP by default, {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code OTEL_SERVICE_NAME}, {@code OTEL_BSP_*}, …),
 * and only when they ask for an export: without them there is no SDK, and the gateway and its calls record nothing.
 * <p>
 * Spans leave through the SDK's batch processor: a bounded queue ({@code OTEL_BSP_MAX_QUEUE_SIZE}, 2048) drained by its
 * own thread. A collector that is down or unreachable never blocks or fails a call: spans past the queue are dropped
 * and counted ({@code processedSpans} with {@code dropped=true}), and the exporter gives up each batch after
 * {@code OTEL_BSP_EXPORT_TIMEOUT}.
 */
public final class GatewayTelemetry {

    /** Any of these set asks for an export. */
    private static final List<String> EXPORT_SETTINGS = List.of("OTEL_EXPORTER_OTLP_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_TRACES_EXPORTER",
            "OTEL_METRICS_EXPORTER");

    private GatewayTelemetry() {
    }

    /**
     * The SDK the environment asks for, or null when it asks for none ({@code OTEL_SDK_DISABLED=true} included).
     *
     * @param environment the process environment, or a test's
     * @param customize   a test's additions (a metric reader to see the SDK's own counts)
     */
    public static OpenTelemetrySdk fromEnvironment(
            Function<String, String> environment,
            Consumer<AutoConfiguredOpenTelemetrySdkBuilder> customize) {
        if ("true".equalsIgnoreCase(environment.apply("OTEL_SDK_DISABLED"))
                || EXPORT_SETTINGS.stream().map(environment).allMatch(v -> v == null || v.isBlank())) {
            return null;
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "camel-inference-gateway");
        properties.put("otel.logs.exporter", "none"); // the gateway logs through log4j, not OTLP
        for (String name : List.of("OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "OTEL_TRACES_EXPORTER",
                "OTEL_METRICS_EXPORTER", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "OTEL_BSP_MAX_QUEUE_SIZE", "OTEL_BSP_SCHEDULE_DELAY",
                "OTEL_BSP_EXPORT_TIMEOUT", "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "OTEL_METRIC_EXPORT_INTERVAL",
                "OTEL_TRACES_SAMPLER", "OTEL_TRACES_SAMPLER_ARG", "OTEL_PROPAGATORS")) {
            String value = environment.apply(name);
            if (value != null && !value.isBlank()) {
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value.trim());
            }
        }
        AutoConfiguredOpenTelemetrySdkBuilder builder = AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> properties)
                .disableShutdownHook(); // closed with Camel Main, after the routes have ended their spans
        customize.accept(builder);
        return builder.build().getOpenTelemetrySdk();
    }
}
