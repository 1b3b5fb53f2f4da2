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
package io.github.camelinference.camel.inference.telemetry;

import java.util.List;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Tracer;

/**
 * Where a component's spans and metrics go: the OpenTelemetry instance it was given ({@code openTelemetry} option, or
 * the single one in the registry), else the global one once something has set it (the SDK's autoconfigure, the Java
 * agent). With neither, nothing is recorded and no attribute is even built: the OpenTelemetry API without an SDK costs
 * nothing and changes nothing.
 * <p>
 * The global instance is looked at with {@link GlobalOpenTelemetry#isSet()}, never {@code get()}: {@code get()} would
 * install a no-op global and make a later {@code GlobalOpenTelemetry.set} by the application fail.
 */
public final class InferenceTelemetry {

    /** The instrumentation scope of every span and instrument. */
    public static final String SCOPE = "io.github.camelinference.camel-inference";

    /** Bucket advice for durations in seconds, as the conventions give it. */
    public static final List<Double> DURATION_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28,
            2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
    /** Bucket advice for token counts, as the conventions give it. */
    public static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
            262144L, 1048576L, 4194304L, 16777216L, 67108864L);

    private static final AttributeKey<String> FROM_MODEL = AttributeKey.stringKey("camel.inference.model.from");
    private static final AttributeKey<String> TO_MODEL = AttributeKey.stringKey("camel.inference.model.to");
    private static final AttributeKey<String> REASON = AttributeKey.stringKey("camel.inference.reason");

    private final OpenTelemetry given;
    private volatile Instruments instruments;
    private volatile boolean genAiMetrics = true;

    /** @param given the instance to report to; null for the global one, once it is set */
    public InferenceTelemetry(OpenTelemetry given) {
        this.given = given;
    }

    /** Whether anything records: an instance was given, or a global one has been set. */
    public boolean isActive() {
        return given != null || GlobalOpenTelemetry.isSet();
    }

    /** The instance spans and metrics go to, or null while nothing records. */
    public OpenTelemetry openTelemetry() {
        if (given != null) {
            return given;
        }
        return GlobalOpenTelemetry.isSet() ? GlobalOpenTelemetry.get() : null;
    }

    /** The tracer and instruments, built once; null while nothing records, so callers skip all work. */
    public Instruments instruments() {
        Instruments current = instruments;
        if (current != null) {
            return current;
        }
        OpenTelemetry otel = openTelemetry();
        if (otel == null) {
            return null;
        }
        synchronized (this) {
            if (instruments == null) {
                instruments = new Instruments(otel, this);
            }
            return instruments;
        }
    }

    /**
     * Whether the GenAI histograms ({@code gen_ai.client.*}) and the substitution counter are recorded here; off when
     * something else records them (the Spring Boot starter's Micrometer meters), so no call is counted twice. Spans and
     * the other counters are recorded either way.
     */
    public void setGenAiMetrics(boolean record) {
        this.genAiMetrics = record;
    }

    public boolean isGenAiMetrics() {
        return genAiMetrics;
    }

    /** A call went to a retired model's successor: counted as {@code camel.inference.model.substitutions}. */
    public void modelSubstituted(String provider, String fromModel, String toModel, String reason) {
        Instruments in = instruments();
        if (in != null && genAiMetrics) {
            in.substitutions.add(1, Attributes.of(GenAi.ENDPOINT_PROVIDER, provider, FROM_MODEL, fromModel,
                    TO_MODEL, toModel, REASON, reason));
        }
    }

    /** The tracer, the conventions' histograms and the component's own counters of one OpenTelemetry instance. */
    public static final class Instruments {
        final Tracer tracer;
        final Meter meter;
        final DoubleHistogram duration;
        final LongHistogram tokenUsage;
        final DoubleHistogram timeToFirstChunk;
        final LongCounter budgetRefusals;
        final LongCounter rateLimitRefusals;
        final LongCounter substitutions;
        private final InferenceTelemetry owner;

        Instruments(OpenTelemetry otel, InferenceTelemetry owner) {
            this.owner = owner;
            tracer = otel.getTracer(SCOPE);
            meter = otel.getMeter(SCOPE);
            duration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                    .setDescription("GenAI operation duration.")
                    .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
            tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                    .setDescription("Number of input and output tokens used.")
                    .setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS).build();
            timeToFirstChunk = meter.histogramBuilder("gen_ai.client.operation.time_to_first_chunk").setUnit("s")
                    .setDescription("Time to receive the first chunk of a streamed answer, from sending the request.")
                    .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
            budgetRefusals = meter.counterBuilder("camel.inference.budget.refusals").setUnit("{call}")
                    .setDescription("Calls the budget guard refused before sending them.").build();
            rateLimitRefusals = meter.counterBuilder("camel.inference.rate_limit.refusals").setUnit("{call}")
                    .setDescription("Calls a provider account's own rate limit refused before sending them.").build();
            substitutions = meter.counterBuilder("camel.inference.model.substitutions").setUnit("{call}")
                    .setDescription("Calls sent to a retired model's successor instead.").build();
        }

        /** Whether the GenAI histograms are recorded here (see {@link InferenceTelemetry#setGenAiMetrics}). */
        boolean genAiMetrics() {
            return owner.genAiMetrics;
        }

        /** Spans of this instance. */
        public Tracer tracer() {
            return tracer;
        }

        /** Instruments of this instance (the failover step builds its counters here). */
        public Meter meter() {
            return meter;
        }
    }
}
