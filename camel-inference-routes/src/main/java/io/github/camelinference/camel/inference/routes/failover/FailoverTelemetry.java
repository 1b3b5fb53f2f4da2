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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.List;
import java.util.Locale;

import io.github.camelinference.camel.inference.telemetry.GenAi;
import io.github.camelinference.camel.inference.telemetry.InferenceTelemetry;
import io.github.camelinference.camel.inference.telemetry.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import org.apache.camel.Exchange;

/**
 * A failover step's spans and counters, on the OpenTelemetry instance of its first inference target's component (so the
 * attempts and the calls they make land in the same place), else the global one once set. With neither, nothing is
 * built and every method returns at once.
 * <p>
 * One INTERNAL span per attempt, child of the span that was current when the exchange reached the step, and parent of
 * the component's client span (through {@link TraceParent#PROPERTY} on the attempt's copy). Counters under
 * {@code camel.inference.failover.}: attempts, fallbacks, hedges, continuations, breaker transitions.
 */
final class FailoverTelemetry {

    static final AttributeKey<String> TARGET = AttributeKey.stringKey("camel.inference.failover.target");
    static final AttributeKey<Long> TARGET_INDEX = AttributeKey.longKey("camel.inference.failover.target.index");
    static final AttributeKey<Long> RETRY = AttributeKey.longKey("camel.inference.failover.retry");
    static final AttributeKey<String> BREAKER_STATE = AttributeKey.stringKey("camel.inference.failover.breaker.state");
    static final AttributeKey<Boolean> HEDGE = AttributeKey.booleanKey("camel.inference.failover.hedge");
    static final AttributeKey<Boolean> TRIAL = AttributeKey.booleanKey("camel.inference.failover.trial");
    static final AttributeKey<Boolean> CONTINUATION = AttributeKey.booleanKey("camel.inference.failover.continuation");
    static final AttributeKey<String> CONTINUE_MODE = AttributeKey.stringKey("camel.inference.failover.continue_mode");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("camel.inference.failover.outcome");
    static final AttributeKey<String> FROM_STATE = AttributeKey.stringKey("camel.inference.failover.breaker.from");
    static final AttributeKey<String> TO_STATE = AttributeKey.stringKey("camel.inference.failover.breaker.to");
    static final String EVENT_HEDGED = "camel.inference.failover.hedged";

    /** How an attempt ended, as its span's {@code camel.inference.failover.outcome} says. */
    enum Outcome {
        /** It answered and its answer (or its stream, to the end) went to the caller. */
        ANSWERED,
        /** It failed before answering; {@code error.type} says how. */
        FAILED,
        /** Its stream broke after reaching the caller; {@code error.type} says how. */
        STREAM_BROKEN,
        /** It was dropped: a hedge's loser, or the caller cancelled or stopped reading. */
        CANCELLED,
        /** It answered after another attempt had already won: its answer was discarded. */
        LOST
    }

    private static final FailoverTelemetry NONE = new FailoverTelemetry(null);

    private final InferenceTelemetry telemetry;
    private volatile Counters counters;

    private FailoverTelemetry(InferenceTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    /** The telemetry of a step whose targets are these: the first inference target's component's, else global. */
    static FailoverTelemetry of(List<FailoverTarget> targets) {
        for (FailoverTarget target : targets) {
            if (target.endpoint() != null) {
                return new FailoverTelemetry(target.endpoint().getComponent().telemetry());
            }
        }
        return new FailoverTelemetry(new InferenceTelemetry(null));
    }

    static FailoverTelemetry none() {
        return NONE;
    }

    /** The counters, built once; null while nothing records. */
    private Counters counters() {
        Counters current = counters;
        if (current != null || telemetry == null) {
            return current;
        }
        InferenceTelemetry.Instruments in = telemetry.instruments();
        if (in == null) {
            return null;
        }
        synchronized (this) {
            if (counters == null) {
                counters = new Counters(in);
            }
            return counters;
        }
    }

    /** The parent of this exchange's attempt spans; read it on the thread that hands the exchange to the step. */
    Context parentOf(Exchange exchange) {
        return counters() == null ? null : TraceParent.of(exchange);
    }

    /**
     * Starts an attempt's span and puts its context on the attempt's copy, so the component's client span hangs from
     * it; counts the attempt (and the continuation). Nothing without a parent (nothing records).
     */
    void attemptStarted(Context parent, Attempt attempt, boolean hedge, String continueMode) {
        Counters c = counters();
        if (c == null || parent == null) {
            return;
        }
        Attributes target = Attributes.of(TARGET, attempt.target.name());
        c.attempts.add(1, target);
        if (attempt.continuation) {
            c.continuations.add(1, target);
        }
        var builder = c.in.tracer().spanBuilder("failover attempt " + attempt.target.name())
                .setSpanKind(SpanKind.INTERNAL).setParent(parent)
                .setAttribute(TARGET, attempt.target.name())
                .setAttribute(TARGET_INDEX, (long) attempt.target.index())
                .setAttribute(RETRY, (long) attempt.retry)
                .setAttribute(BREAKER_STATE, attempt.target.breaker().getState().name())
                .setAttribute(HEDGE, hedge)
                .setAttribute(CONTINUATION, attempt.continuation);
        if (attempt.trial) {
            builder.setAttribute(TRIAL, true);
        }
        if (continueMode != null) {
            builder.setAttribute(CONTINUE_MODE, continueMode);
        }
        Span span = builder.startSpan();
        attempt.span = span;
        attempt.copy.setProperty(TraceParent.PROPERTY, parent.with(span));
    }

    /** The next target took over after the previous one failed (not a hedge, not a continuation). */
    void fellBack(FailoverTarget target) {
        Counters c = counters();
        if (c != null) {
            c.fallbacks.add(1, Attributes.of(TARGET, target.name()));
        }
    }

    /** A hedge started on {@code target} because {@code slow} had not answered in time. */
    void hedged(Attempt slow, FailoverTarget target) {
        Counters c = counters();
        if (c == null) {
            return;
        }
        c.hedges.add(1, Attributes.of(TARGET, target.name()));
        Span span = slow.span;
        if (span != null) {
            span.addEvent(EVENT_HEDGED, Attributes.of(TARGET, target.name()));
        }
    }

    /** A target's breaker changed state. */
    void breakerTransition(String target, String from, String to) {
        Counters c = counters();
        if (c != null) {
            c.breakerTransitions.add(1, Attributes.of(TARGET, target, FROM_STATE, from, TO_STATE, to));
        }
    }

    /** Ends an attempt's span once: how it ended, and for a failure its {@code error.type} (never its message). */
    static void end(Attempt attempt, Outcome outcome, Throwable error) {
        Span span = attempt.span;
        if (span == null || !attempt.claimSpanEnd()) {
            return;
        }
        span.setAttribute(OUTCOME, outcome.name().toLowerCase(Locale.ROOT));
        if (error != null && (outcome == Outcome.FAILED || outcome == Outcome.STREAM_BROKEN)) {
            String type = GenAi.errorType(error);
            span.setAttribute(GenAi.ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
        }
        span.end();
    }

    /** The step's counters on one OpenTelemetry instance. */
    private static final class Counters {
        final InferenceTelemetry.Instruments in;
        final LongCounter attempts;
        final LongCounter fallbacks;
        final LongCounter hedges;
        final LongCounter continuations;
        final LongCounter breakerTransitions;

        Counters(InferenceTelemetry.Instruments in) {
            this.in = in;
            Meter meter = in.meter();
            attempts = meter.counterBuilder("camel.inference.failover.attempts").setUnit("{attempt}")
                    .setDescription("Calls a failover step made to its targets (first tries, retries, fallbacks,"
                                    + " hedges and continuations).")
                    .build();
            fallbacks = meter.counterBuilder("camel.inference.failover.fallbacks").setUnit("{attempt}")
                    .setDescription("Times a failover step moved on to the next target after a failure.").build();
            hedges = meter.counterBuilder("camel.inference.failover.hedges").setUnit("{attempt}")
                    .setDescription("Hedged calls started because a target had not answered within hedgeDelay.")
                    .build();
            continuations = meter.counterBuilder("camel.inference.failover.continuations").setUnit("{attempt}")
                    .setDescription("Calls that continued a stream broken on another target.").build();
            breakerTransitions = meter.counterBuilder("camel.inference.failover.breaker.transitions")
                    .setUnit("{transition}").setDescription("Circuit breaker state changes, per target.").build();
        }
    }
}
