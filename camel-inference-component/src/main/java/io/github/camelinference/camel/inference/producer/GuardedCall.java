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
package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.CutStreamCharge;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.stream.ForwardingStreamListener;
import io.github.camelinference.camel.inference.stream.SettlingStreamListener;
import io.github.camelinference.camel.inference.stream.StreamListener;
import io.github.camelinference.camel.inference.telemetry.CallSpan;

/**
 * The one way a message's calls reach the provider: its first call, each tool round (streamed or not) and each schema
 * re-ask; a failover step's attempts are messages of their own, so each goes through here too. Every call takes, in
 * order, its share of the account's rate limits ({@link RateLimitCheck}) and its budget reservation
 * ({@link BudgetCheck}), is sent, and settles both when it ends; a call that could not be sent gives both back.
 * <p>
 * With a budget guard and no maxTokens, the call asks the provider for at most the output it reserved
 * ({@code budgetOutputTokens}), so its spend is bounded on the wire, not only in our books. Usage reporting more output
 * than a call asked for cannot be true: it is read as malformed (no token or cost headers, the budget keeps the
 * reservation, with a warning).
 * <p>
 * A permit there at once (no limit, the in-memory store) is used on the caller's thread. One that had to wait completes
 * on the store's I/O thread or the timer, so the call is then reserved and sent from the route pool: neither a Lettuce
 * nor an HttpClient I/O thread ever sends a call or touches the budget's (possibly blocking) store on the way in. A
 * call cancelled while it waits ({@link CallCancellation}) is never sent, and its permit goes back.
 */
public final class GuardedCall {

    private final CallContext call;

    /** @param call the message's call: each of its HTTP calls is a client span under the message's parent */
    public GuardedCall(CallContext call) {
        this.call = call;
    }

    /**
     * A non-streamed call. The future completes with the answer once its permit and reservation are settled, or with
     * why it failed or, after a wait for its permit, was refused.
     *
     * @throws RuntimeException why the call was never sent, when that is known at once (a rate limit or the budget
     *                          refused it, or it could not be sent). Thrown rather than a failed future because the
     *                          provider's own error may complete the future before the caller looks at it, and the two
     *                          must not be taken for each other: a model-not-found answer is followed by the successor
     */
    public CompletableFuture<ChatResult> complete(ChatParameters requested) {
        CompletableFuture<CompletableFuture<ChatResult>> sent = guarded(requested, (parameters, permit, reservation, span) -> {
            CompletableFuture<ChatResult> answer
                    = span.sending(() -> call.services().client().complete(parameters, call.timeouts()));
            call.cancellation().track(answer);
            CompletableFuture<ChatResult> checked = answer.thenApply(result -> new ChatResult(
                    withinCap(result.response(), parameters.maxTokens()), result.info()));
            span.endWhenDone(checked);
            return BudgetCheck.settling(call, reservation, RateLimitCheck.settling(permit, checked));
        });
        // sent completes with the provider's future, never with the provider's error: failed now means never sent
        throwIfNotSent(sent);
        return sent.thenCompose(answer -> answer);
    }

    /**
     * Throws why a call was never sent, when its sending (not its answer) has already failed: refused at once by a rate
     * limit or the budget, or not sendable. A message's first call then fails its exchange in process().
     */
    public static void throwIfNotSent(CompletableFuture<?> sent) {
        if (sent.isCompletedExceptionally()) {
            Throwable notSent = Failures.unwrap(sent.handle((call, failure) -> failure).join());
            throw notSent instanceof RuntimeException e ? e : new IllegalStateException(notSent);
        }
    }

    /**
     * A streamed call to the listener. The future completes with the call once it is sent; or fails when it was never
     * sent (a rate limit or the budget refused it), and then the listener hears nothing. When the stream ends, its
     * permit and reservation are settled before the listener hears how.
     */
    public CompletableFuture<StreamingCall> stream(ChatParameters requested, StreamListener listener) {
        return guarded(requested, (parameters, permit, reservation, span) -> span.sending(() -> call.services().client()
                .stream(parameters, checkingUsage(parameters.maxTokens(), span.listening(RateLimitCheck.settling(permit,
                        BudgetCheck.settling(call, reservation, recordingCut(parameters, reservation, listener))))),
                        call.timeouts())));
    }

    /**
     * Sends one call, given its permit, its reservation and its span (current while the request is built, ended when
     * the call ends); returns what the caller waits on.
     */
    private interface Send<T> {
        T send(
                ChatParameters parameters, RateLimiter.Permit permit, BudgetGuard.Reservation reservation,
                CallSpan span);
    }

    /**
     * Permit, reservation, send, each call in a client span of its own from before its permit: a wait for the permit
     * and a refusal (rate limit, budget) are on it, and a call never sent ends it with why.
     */
    private <T> CompletableFuture<T> guarded(ChatParameters requested, Send<T> send) {
        ChatParameters parameters = boundedByBudget(requested);
        CallSpan span = call.trace().startCall(parameters);
        CompletableFuture<T> sent = guarded(parameters, span, send);
        sent.whenComplete((call, notSent) -> {
            if (notSent != null) {
                span.failed(Failures.unwrap(notSent));
            }
        });
        return sent;
    }

    /** Permit, reservation, send: at once when the permit is there, else from the route pool when it comes. */
    private <T> CompletableFuture<T> guarded(ChatParameters parameters, CallSpan span, Send<T> send) {
        CompletableFuture<RateLimiter.Permit> permitted;
        try {
            permitted = RateLimitCheck.acquire(call, parameters);
        } catch (RuntimeException notSent) {
            return CompletableFuture.failedFuture(notSent);
        }
        if (permitted.isDone()) {
            try {
                return CompletableFuture.completedFuture(holding(parameters, permitted.join(), span, send));
            } catch (CompletionException refused) {
                return CompletableFuture.failedFuture(Failures.unwrap(refused));
            } catch (RuntimeException notSent) {
                return CompletableFuture.failedFuture(notSent);
            }
        }
        span.waitingForPermit();
        CompletableFuture<T> sent = new CompletableFuture<>();
        AtomicBoolean decided = new AtomicBoolean();
        // dropped while it waits (a hedge's loser): never sent, and the limiter gives the permit back when it comes
        // (a stop then need not wait for it). Once the call is sent, its own tracking takes over
        call.cancellation().track(() -> {
            if (decided.compareAndSet(false, true)) {
                permitted.cancel(false);
                call.services().continuations().execute(
                        () -> sent.completeExceptionally(CallFailures.cancelled(call.options().provider())));
            }
        });
        // why the pool: the permit completes on the store's I/O thread or the timer, which must not send calls
        permitted.whenCompleteAsync((permit, refused) -> {
            if (refused != null) {
                if (decided.compareAndSet(false, true)) {
                    sent.completeExceptionally(Failures.unwrap(refused));
                }
            } else if (!decided.compareAndSet(false, true)) {
                RateLimitCheck.release(permit); // cancelled while it waited
            } else {
                try {
                    span.permitGranted();
                    sent.complete(holding(parameters, permit, span, send));
                } catch (RuntimeException notSent) {
                    sent.completeExceptionally(notSent);
                }
            }
        }, call.services().continuations());
        return sent;
    }

    /** Reserves against the budget and sends; a call the budget refuses, or that cannot be sent, gives both back. */
    private <T> T holding(ChatParameters parameters, RateLimiter.Permit permit, CallSpan span, Send<T> send) {
        BudgetGuard.Reservation reservation = BudgetCheck.reserve(call, parameters, permit);
        try {
            return send.send(parameters, permit, reservation, span);
        } catch (RuntimeException notSent) {
            BudgetCheck.release(reservation);
            RateLimitCheck.release(permit);
            throw notSent;
        }
    }

    /**
     * With a budget guard, a call that sets no maxTokens asks for at most what it reserves (budgetOutputTokens), so the
     * provider cannot bill more output than the budget counted.
     */
    private ChatParameters boundedByBudget(ChatParameters parameters) {
        if (parameters.maxTokens() != null || call.options().spending().guard() == null) {
            return parameters;
        }
        return parameters.withMaxTokens(call.options().spending().outputTokens());
    }

    /** The response, with its usage read as malformed when it claims more output than the call asked for. */
    static ChatResponse withinCap(ChatResponse response, Integer maxTokens) {
        Usage usage = response.usage();
        if (maxTokens == null || usage == null || usage.completionTokens() == null
                || usage.completionTokens() <= maxTokens) {
            return response;
        }
        return new ChatResponse(
                response.id(), response.model(), response.choices(), Usage.malformed(
                        "completion_tokens " + usage.completionTokens() + " is more than the " + maxTokens
                                                                                     + " output tokens the call asked for at most"),
                response.systemFingerprint(), response.serviceTier(),
                response.raw(), response.contentFilter(), response.rawBytes());
    }

    /** A stream's listener that hears the end with usage beyond the call's maxTokens read as malformed. */
    private static StreamListener checkingUsage(Integer maxTokens, StreamListener listener) {
        if (maxTokens == null) {
            return listener;
        }
        return new ForwardingStreamListener(listener) {
            @Override
            public void onComplete(ChatResponse response, CallInfo info) {
                super.onComplete(withinCap(response, maxTokens), info);
            }
        };
    }

    /**
     * A stream's listener that counts the output delivered, so that a stream cut after it began leaves what it used on
     * the exchange ({@link InferenceConstants#CUT_STREAM_PROPERTY}) before the listener hears the break: a failover
     * step continuing the answer elsewhere counts that share. Runs inside the budget's settling, so the reservation is
     * already kept at its maximum by then.
     */
    private StreamListener recordingCut(
            ChatParameters parameters, BudgetGuard.Reservation reservation,
            StreamListener listener) {
        return new SettlingStreamListener(listener) {
            @Override
            protected void completed(ChatResponse response) {
                // the usage arrived: nothing to estimate
            }

            @Override
            protected void failed(InferenceException error, boolean answerBegun) {
                if (answerBegun) {
                    String model = responseModel();
                    call.exchange().setProperty(InferenceConstants.CUT_STREAM_PROPERTY, new CutStreamCharge(
                            call.promptEstimate(parameters), outputDeltas(),
                            model != null ? call.options().prices(model) : call.prices(), reservation));
                }
            }
        };
    }
}
