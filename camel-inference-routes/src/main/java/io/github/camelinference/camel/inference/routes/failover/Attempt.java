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

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.opentelemetry.api.trace.Span;
import org.apache.camel.Exchange;

/** One call to one target, on its own copy of the exchange. */
final class Attempt {

    final FailoverTarget target;
    final Exchange copy;
    /** 0 for the first call to this target in this exchange, 1 for its first retry, … */
    final int retry;
    /** Whether this call is a half-open breaker's trial: it is never retried. */
    final boolean trial;
    /** Whether this call continues a stream that broke on another target. */
    final boolean continuation;
    final long startNanos = System.nanoTime();
    volatile long answeredNanos;
    volatile boolean dropped;
    volatile ScheduledFuture<?> hedgeTimer;
    /** This attempt's span, or null while nothing records (see {@link FailoverTelemetry}). */
    volatile Span span;
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private final AtomicBoolean spanEnded = new AtomicBoolean();

    Attempt(FailoverTarget target, Exchange copy, int retry, boolean trial, boolean continuation) {
        this.target = target;
        this.copy = copy;
        this.retry = retry;
        this.trial = trial;
        this.continuation = continuation;
    }

    /** How long the target took to answer (to the first token of a stream), or until now. */
    long elapsedNanos() {
        long end = answeredNanos;
        return (end == 0 ? System.nanoTime() : end) - startNanos;
    }

    void recordSuccess() {
        target.breaker().onSuccess(elapsedNanos(), TimeUnit.NANOSECONDS);
    }

    void recordFailure(Throwable error) {
        target.breaker().onError(elapsedNanos(), TimeUnit.NANOSECONDS, error);
    }

    /** Leaves the breaker as it was: the call said nothing about the target's health. */
    void releaseBreaker() {
        target.breaker().releasePermission();
    }

    void cancelHedgeTimer() {
        ScheduledFuture<?> timer = hedgeTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Whether this is the one time the span ends. */
    boolean claimSpanEnd() {
        return spanEnded.compareAndSet(false, true);
    }

    /** Drops this call: aborts its HTTP exchange, whether it is still waiting or already streaming. */
    void drop() {
        dropped = true;
        FailoverTelemetry.end(this, FailoverTelemetry.Outcome.CANCELLED, null);
        cancelHedgeTimer();
        if (copy.getMessage().getBody() instanceof ChatStream stream) {
            stream.abort();
        }
        cancelCall();
    }

    /**
     * Called once the target has started the call: a drop that came while it was being started found no cancellation on
     * the copy yet, so it is sent now.
     */
    void cancelIfDropped() {
        if (dropped) {
            cancelCall();
        }
    }

    /** Runs the producer's cancellation, once. */
    private void cancelCall() {
        if (copy.getProperty(InferenceConstants.CANCEL_PROPERTY) instanceof Runnable cancel
                && cancelSent.compareAndSet(false, true)) {
            cancel.run();
        }
    }
}
