package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.CompletableFuture;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.telemetry.CallSpan;
import org.apache.camel.Exchange;

/**
 * Where a call's permit and reservation report to its span: a wait for the permit, a refusal by the rate limit or
 * the budget. Used by each place that sends a call, until they are one guarded path.
 */
public final class SpanHook {

    private SpanHook() {
    }

    /** Takes the call's permit as {@link RateLimitCheck#acquire} does; a wait is an event on the span. */
    public static CompletableFuture<RateLimiter.Permit> acquire(InferenceEndpoint endpoint, ChatParameters parameters,
                                                                CallSpan span) {
        CompletableFuture<RateLimiter.Permit> permitted;
        try {
            permitted = RateLimitCheck.acquire(endpoint, parameters);
        } catch (RuntimeException notSent) {
            span.failed(notSent);
            throw notSent;
        }
        if (!permitted.isDone()) {
            span.waitingForPermit();
            permitted.whenComplete((permit, refused) -> {
                if (refused == null) {
                    span.permitGranted();
                }
            });
        }
        return permitted;
    }

    /** Reserves the call's budget as {@link BudgetCheck#reserve} does; a refusal ends the span with it. */
    public static BudgetGuard.Reservation reserve(InferenceEndpoint endpoint, Exchange exchange,
                                                  ChatParameters parameters, RateLimiter.Permit permit,
                                                  CallSpan span) {
        try {
            return BudgetCheck.reserve(endpoint, exchange, parameters, permit);
        } catch (RuntimeException refused) {
            span.failed(refused);
            throw refused;
        }
    }
}
