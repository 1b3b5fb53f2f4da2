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

import io.opentelemetry.context.Context;
import org.apache.camel.Exchange;

/**
 * The context an exchange's inference spans hang from. Read once, on the thread that hands the exchange to the producer
 * or the failover step: the span a step put on the exchange ({@link #PROPERTY}), else the context current on that
 * thread (camel-opentelemetry2 makes the route's span, or the span of the {@code to} step, current there before a
 * producer's {@code process} runs). Never read again on the pools where calls carry on: their threads' current context
 * belongs to whichever exchange ran there last.
 */
public final class TraceParent {

    /**
     * Exchange property: the OpenTelemetry {@code Context} the spans of this exchange's calls are children of. The
     * failover step sets it on each attempt's copy (the attempt's span), so the component's client span hangs from the
     * attempt.
     */
    public static final String PROPERTY = "CamelInferenceTraceContext";

    private TraceParent() {
    }

    /** The parent of this exchange's spans, as it stands on the calling thread now. */
    public static Context of(Exchange exchange) {
        Object given = exchange.getProperty(PROPERTY);
        return given instanceof Context context ? context : Context.current();
    }
}
