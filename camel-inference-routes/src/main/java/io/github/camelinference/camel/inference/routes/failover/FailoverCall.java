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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.telemetry.TraceParent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.context.Context;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange's way through a failover step: which target is tried next, retries on timers, hedges, and the hand- over
 * of a streamed answer to a {@link StreamRelay}. Every step runs on a callback or a timer; nothing waits.
 * <p>
 * All state is guarded by this object's monitor; calls into targets and the caller's callback are made outside it.
 */
final class FailoverCall {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverCall.class);

    private final InferenceFailover step;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final List<FailoverTarget> order;
    /**
     * The exchange as it arrived, kept once a stream is committed (the caller's exchange then carries the answer) for
     * the attempts that continue it; until then the caller's exchange itself is untouched and attempts copy it.
     */
    private Exchange original;
    private final List<Attempt> running = new ArrayList<>();
    private final List<String> skipped = new ArrayList<>();
    private int position;
    private boolean answered;
    private boolean hedged;
    private Exception lastFailure;
    /** How a committed stream broke: what its reader sees if no target can continue it. */
    private InferenceException streamBreak;
    private StreamRelay relay;
    /** Whether the caller cancelled the call: nothing more is started. */
    private boolean cancelled;
    /** Whether the caller's callback has run (or is about to): it runs once. */
    private boolean calledBack;
    /** Whether a target has been tried: the next one taken after a failure is a fallback. */
    private boolean tried;
    /** The span the attempts' spans hang from, taken on the caller's thread; null while nothing records. */
    private final Context traceParent;
    /** The caller's own trace parent property, put back when the answer is copied over it. */
    private final Object callerTraceProperty;

    FailoverCall(InferenceFailover step, Exchange exchange, AsyncCallback callback) {
        this.step = step;
        this.exchange = exchange;
        this.callback = callback;
        this.order = step.orderedTargets();
        this.traceParent = step.telemetry().parentOf(exchange);
        this.callerTraceProperty = exchange.getProperty(TraceParent.PROPERTY);
        // one counter shared by every copy, so CamelInferenceAttempts counts the calls of all targets (and only
        // this step's: an inference call earlier in the route does not count)
        exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, new AtomicInteger());
        // why: a caller that gives up (a gateway whose client hung up) cancels the call the way it would cancel an
        // inference producer's, and the attempts run on copies it cannot see
        exchange.setProperty(InferenceConstants.CANCEL_PROPERTY, (Runnable) this::cancel);
    }

    void start() {
        tryNext(false);
    }

    /** Moves to the next target whose breaker lets a call through; none left ends the call with the last failure. */
    private void tryNext(boolean continuation) {
        FailoverTarget target;
        boolean fallback;
        synchronized (this) {
            target = takeNextTarget();
            fallback = target != null && tried && !continuation;
            tried = tried || target != null;
        }
        if (target == null) {
            exhausted(continuation);
        } else {
            if (fallback) {
                step.telemetry().fellBack(target);
            }
            launch(target, 0, isTrial(target), continuation, null);
        }
    }

    /**
     * Under the monitor: the next target in order whose breaker lets a call through, with its permission taken, or null
     * when none is left; the ones passed over are remembered for the error.
     */
    private FailoverTarget takeNextTarget() {
        if (cancelled) {
            return null;
        }
        while (position < order.size()) {
            FailoverTarget candidate = order.get(position++);
            if (candidate.breaker().tryAcquirePermission()) {
                return candidate;
            }
            skipped.add(candidate.name() + " (breaker " + candidate.breaker().getState() + ")");
        }
        return null;
    }

    /** Whether a call just let through is a half-open breaker's trial (never retried). */
    private static boolean isTrial(FailoverTarget target) {
        return target.breaker().getState() == CircuitBreaker.State.HALF_OPEN;
    }

    /** Calls a target on a fresh copy of the exchange as it arrived. */
    private void launch(FailoverTarget target, int retry, boolean trial, boolean continuation, String continueMode) {
        launch(target, retry, trial, continuation, continueMode, false);
    }

    /** Calls a target on a fresh copy; {@code isHedge} marks a hedge started beside a slow attempt. */
    private void launch(
            FailoverTarget target, int retry, boolean trial, boolean continuation, String continueMode,
            boolean isHedge) {
        Exchange copy;
        Attempt attempt;
        boolean hedge;
        synchronized (this) {
            // under the monitor: complete() writes the answer into the caller's exchange under it too
            if (cancelled) {
                target.breaker().releasePermission(); // a retry or hedge timer fired after the caller cancelled
                return;
            }
            copy = ExchangeHelper.createCorrelatedCopy(original != null ? original : exchange, false);
            copy.removeProperty(InferenceConstants.CANCEL_PROPERTY); // the copy's call gets its own
            copy.getMessage().getHeaders().putAll(step.getOptions().timeoutHeaders(copy.getMessage()));
            attempt = new Attempt(target, copy, retry, trial, continuation);
            if (continuation) {
                copy.setProperty(InferenceConstants.CONTINUE_FROM_PROPERTY, relay.deliveredText());
                copy.setProperty(InferenceConstants.CONTINUE_MODE_PROPERTY, continueMode == null
                        ? "prefill"
                        : continueMode);
            }
            running.add(attempt);
            hedge = step.getOptions().getHedgeDelay() > 0 && !hedged && !continuation && position < order.size();
            step.telemetry().attemptStarted(traceParent, attempt, isHedge,
                    continuation ? (String) copy.getProperty(InferenceConstants.CONTINUE_MODE_PROPERTY) : null);
        }
        if (hedge) {
            attempt.hedgeTimer = step.schedule(() -> hedge(attempt), step.getOptions().getHedgeDelay());
        }
        try {
            target.processor().process(copy, doneSync -> onDone(attempt));
            attempt.cancelIfDropped();
        } catch (RuntimeException e) {
            copy.setException(e);
            onDone(attempt);
        }
    }

    /** The current target has not answered within hedgeDelay: start the next one too; the first answer wins. */
    private void hedge(Attempt slow) {
        FailoverTarget target;
        synchronized (this) {
            if (answered || hedged || !running.contains(slow)) {
                return;
            }
            hedged = true;
            target = takeNextTarget();
        }
        if (target != null) {
            LOG.debug("{} has not answered within {} ms: hedging on {}", slow.target.name(), step.getOptions().getHedgeDelay(),
                    target.name());
            step.telemetry().hedged(slow, target);
            launch(target, 0, isTrial(target), false, null, true);
        }
    }

    /** A target's step completed: an answer, the start of a stream, or an error. */
    private void onDone(Attempt attempt) {
        attempt.answeredNanos = System.nanoTime();
        attempt.cancelHedgeTimer();
        Exception error = attempt.copy.getException();
        List<Attempt> losers = List.of();
        boolean win = false;
        StreamRelay streaming;
        synchronized (this) {
            running.remove(attempt);
            if (attempt.dropped) {
                attempt.releaseBreaker();
                discard(attempt);
                return;
            }
            streaming = relay;
            if (error == null && streaming == null && !answered) {
                answered = true;
                win = true;
                losers = new ArrayList<>(running);
                running.clear();
            }
        }
        losers.forEach(Attempt::drop);
        if (error != null) {
            failed(attempt, error);
        } else if (win) {
            won(attempt);
        } else if (streaming != null && attempt.continuation) {
            streaming.switchTo(attempt);
        } else {
            // answered after another attempt already won (a race the drop could not stop): its usage was counted
            FailoverTelemetry.end(attempt, FailoverTelemetry.Outcome.LOST, null);
            attempt.releaseBreaker();
            discard(attempt);
        }
    }

    private void won(Attempt attempt) {
        boolean stream = attempt.copy.getMessage().getBody() instanceof ChatStream;
        StreamRelay created = stream ? new StreamRelay(step, this) : null;
        boolean tooLate;
        synchronized (this) {
            tooLate = cancelled;
            if (!tooLate && stream) {
                relay = created;
            }
        }
        if (tooLate) {
            attempt.drop(); // answered just as the caller cancelled: the caller has its error already
            attempt.releaseBreaker();
            return;
        }
        if (stream) {
            created.attach(attempt);
            return;
        }
        attempt.recordSuccess();
        FailoverTelemetry.end(attempt, FailoverTelemetry.Outcome.ANSWERED, null);
        complete(attempt, null);
    }

    /**
     * Hands the answer to the caller: the attempt's message, plus who answered. For a stream, the body becomes the
     * relay's stream and the call goes on until that stream ends.
     */
    void complete(Attempt attempt, ChatStream relayed) {
        synchronized (this) {
            if (calledBack) {
                discard(attempt); // the caller cancelled meanwhile and has heard so; a stream's relay dropped it
                return;
            }
            calledBack = true;
            if (relayed != null) {
                original = ExchangeHelper.createCorrelatedCopy(exchange, false); // before the answer overwrites it
            }
            // the step's timeouts were for its targets: later steps of the route do not inherit them
            Set<String> stepTimeouts = step.getOptions().timeoutHeaders(exchange.getMessage()).keySet();
            ExchangeHelper.copyResults(exchange, attempt.copy);
            exchange.removeProperty(InferenceConstants.CANCEL_PROPERTY); // the attempt's own came along
            // the attempt's span came along too: later steps of the route hang from the caller's parent again
            if (callerTraceProperty != null) {
                exchange.setProperty(TraceParent.PROPERTY, callerTraceProperty);
            } else {
                exchange.removeProperty(TraceParent.PROPERTY);
            }
            Message message = exchange.getMessage();
            if (relayed != null) {
                message.setBody(relayed);
                // a stream goes on: cancelling the caller's exchange still goes through the step
                exchange.setProperty(InferenceConstants.CANCEL_PROPERTY, (Runnable) this::cancel);
            }
            stepTimeouts.forEach(message::removeHeader);
            message.setHeader(FailoverConstants.TARGET, attempt.target.name());
            message.setHeader(FailoverConstants.FALLBACK_USED, attempt.target.index() > 0);
            message.setHeader(FailoverConstants.HEDGED, hedged);
        }
        callback.done(false);
    }

    /** The message that received the stream (where its end headers go). */
    Message callerMessage() {
        return exchange.getMessage();
    }

    /**
     * An attempt failed, before it answered or (for a stream) before it was committed. Errors decide by their class:
     * not an inference error, or one no provider can fix, goes to the caller unchanged with the breaker untouched; the
     * others count against the target and are retried there or move on.
     */
    void failed(Attempt attempt, Exception error) {
        FailoverTelemetry.end(attempt, FailoverTelemetry.Outcome.FAILED, error);
        if (!(error instanceof InferenceException inference) || !inference.isFailoverable()) {
            attempt.releaseBreaker();
            if (attempt.continuation && retryWithInstruction(attempt, error)) {
                return;
            }
            fail(error, attempt.continuation);
            return;
        }
        boolean ownLimit = isOwnRateLimit(error);
        if (ownLimit) {
            attempt.releaseBreaker(); // the target's own limiter refused: the provider was not called
        } else {
            attempt.recordFailure(error);
        }
        boolean othersRunning;
        boolean lostTheRace;
        synchronized (this) {
            lostTheRace = answered && !attempt.continuation;
            if (!lostTheRace) {
                lastFailure = error;
            }
            othersRunning = !running.isEmpty();
        }
        if (lostTheRace || othersRunning) {
            return; // another attempt answered, or a hedge is still out and its outcome decides
        }
        long wait = ownLimit ? -1 : retryWait(attempt, inference);
        if (wait >= 0) {
            LOG.debug("{} failed ({}): retry {} of {} in {} ms", attempt.target.name(), inference.getKind(),
                    attempt.retry + 1, step.getOptions().getRetries(), wait);
            step.schedule(() -> retry(attempt), wait);
        } else {
            tryNext(attempt.continuation);
        }
    }

    /** Whether a target's own rate limiter refused the call before it was sent. */
    private static boolean isOwnRateLimit(Exception error) {
        return error instanceof RateLimitedException limited && limited.isClientSide();
    }

    /** How long to wait before retrying the same target, or -1 to move to the next one now. */
    private long retryWait(Attempt attempt, InferenceException error) {
        boolean once;
        synchronized (this) {
            once = hedged;
        }
        if (!error.isRetryable() || error.getKind() == ErrorKind.TIMEOUT || attempt.trial || attempt.continuation
                || once || attempt.retry >= step.getOptions().getRetries()) {
            return -1; // a silent provider is not waited on twice; a trial is one call; a hedge has spent its chance
        }
        if (error.getRetryAfter() != null) {
            long asked = error.getRetryAfterMillis();
            if (asked > step.getOptions().getMaxRetryAfter()) {
                LOG.debug("{} asks to wait {} ms, more than maxRetryAfter {} ms: moving on", attempt.target.name(),
                        asked, step.getOptions().getMaxRetryAfter());
                return -1;
            }
            return asked;
        }
        return step.getOptions().getRetryDelay() << Math.min(attempt.retry, 10);
    }

    private void retry(Attempt previous) {
        CircuitBreaker breaker = previous.target.breaker();
        if (breaker.tryAcquirePermission()) {
            launch(previous.target, previous.retry + 1, isTrial(previous.target), false, null);
        } else {
            tryNext(false);
        }
    }

    /** A target refused an assistant prefill with a 4xx: ask it again with a plain instruction to continue. */
    private boolean retryWithInstruction(Attempt attempt, Exception error) {
        if (!(error instanceof InferenceException inference) || inference.getKind() != ErrorKind.INVALID_REQUEST
                || !"prefill".equals(attempt.copy.getProperty(InferenceConstants.CONTINUE_MODE_PROPERTY))
                || inference.getHttpStatus() < 400 || inference.getHttpStatus() >= 500
                || !attempt.target.breaker().tryAcquirePermission()) {
            return false;
        }
        LOG.debug("{} refused the prefill ({}): continuing with an instruction", attempt.target.name(),
                inference.getHttpStatus());
        launch(attempt.target, attempt.retry, attempt.trial, true, "instruction");
        return true;
    }

    /** A stream failed while its first tokens were held back: nothing reached the caller, so it is a plain failure. */
    void uncommittedStreamFailed(Attempt attempt, InferenceException error) {
        synchronized (this) {
            relay = null;
            answered = false;
        }
        failed(attempt, error);
    }

    /**
     * A committed stream broke: continue it on the next target, or end it with the error (also when a tool call had
     * begun reaching the caller: a continuation cannot finish its arguments, and a cut call must not look whole).
     */
    void streamBroke(Attempt attempt, InferenceException error) {
        FailoverTelemetry.end(attempt, FailoverTelemetry.Outcome.STREAM_BROKEN, error);
        if (error.isFailoverable()) {
            attempt.recordFailure(error);
        } else {
            attempt.releaseBreaker();
        }
        StreamRelay streaming;
        synchronized (this) {
            lastFailure = error;
            streamBreak = error;
            streaming = relay;
        }
        if (step.getOptions().isContinueStreams() && error.isFailoverable() && streaming.continuable()) {
            tryNext(true);
        } else {
            if (step.getOptions().isContinueStreams() && error.isFailoverable()) {
                LOG.debug("{} broke after a tool call began reaching the caller: a continuation cannot finish it,"
                          + " the stream ends with the error",
                        attempt.target.name());
            }
            fail(error, true);
        }
    }

    /** No target left. */
    private void exhausted(boolean continuation) {
        Exception failure;
        synchronized (this) {
            failure = lastFailure;
            if (failure == null) {
                failure = InferenceException.of(ErrorKind.PROVIDER_UNAVAILABLE, ErrorDetails.of("failover",
                        "no target could take the call: every circuit breaker is open (" + String.join(", ", skipped)
                                                                                                            + "); they let trial calls through again after waitDurationInOpenState"),
                        null);
            }
        }
        fail(failure, continuation);
    }

    private void fail(Exception error, boolean streamCommitted) {
        if (streamCommitted) {
            // the reader hears how its stream broke; why no target could continue it rides along
            InferenceException broke;
            synchronized (this) {
                broke = streamBreak;
            }
            if (broke == null) {
                broke = InferenceException.of(ErrorKind.STREAM_INTERRUPTED, ErrorDetails.of("failover",
                        "the stream could not be continued: " + error), error);
            } else if (error != broke) {
                broke.addSuppressed(error);
            }
            relay.fail(broke);
            return;
        }
        synchronized (this) {
            if (calledBack) {
                return; // the caller cancelled and has heard so
            }
            calledBack = true;
        }
        exchange.setException(error);
        callback.done(false);
    }

    /**
     * The caller cancelled: every attempt in flight is aborted, its breaker left as it was (their completions release
     * the permissions), nothing new starts, and the caller hears a cancelled error unless it already had its answer. A
     * stream already handed over ends with the same error.
     */
    void cancel() {
        List<Attempt> left;
        StreamRelay streaming;
        boolean callBack;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            position = order.size();
            left = new ArrayList<>(running);
            running.clear();
            left.forEach(attempt -> attempt.dropped = true); // under the monitor, so onDone releases, never records
            streaming = relay;
            callBack = !calledBack;
            calledBack = true;
        }
        LOG.debug("the caller cancelled: dropping {} attempts in flight", left.size());
        // why CANCELLED: an outer failover step or error handler must not take it for a provider failure
        InferenceException error = InferenceException.of(ErrorKind.CANCELLED, ErrorDetails.of("failover",
                "the call was cancelled by its caller before it ended"), null);
        left.forEach(Attempt::drop);
        if (streaming != null) {
            streaming.cancel(error);
        }
        if (callBack) {
            exchange.setException(error);
            callback.done(false);
        }
    }

    /** The caller stopped reading the stream: drop whatever is still running. */
    void abandon() {
        List<Attempt> left;
        synchronized (this) {
            left = new ArrayList<>(running);
            running.clear();
            position = order.size();
        }
        left.forEach(Attempt::drop);
    }

    /** A loser's answer: release its stream so its connection goes back to the pool. */
    private static void discard(Attempt attempt) {
        if (attempt.copy.getMessage().getBody() instanceof ChatStream stream) {
            stream.abort();
        }
    }
}
