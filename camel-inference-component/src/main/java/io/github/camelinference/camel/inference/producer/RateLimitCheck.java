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

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.stream.SettlingStreamListener;
import io.github.camelinference.camel.inference.stream.StreamListener;

/**
 * The endpoint's rate limiter as a call meets it: every HTTP call (each tool round and schema re-ask too) takes a
 * request and its token estimate from the provider account's limits before it is sent, and settles the tokens from the
 * answer's usage when it ends. {@link GuardedCall} is the one caller.
 */
public final class RateLimitCheck {

    private static final CompletableFuture<RateLimiter.Permit> NO_LIMIT = CompletableFuture.completedFuture(null);

    private RateLimitCheck() {
    }

    /**
     * Takes this call's share of the account's limits. The future is already complete when the store answered at once
     * (the in-memory store without a wait); otherwise it completes on the store's I/O thread or the timer, so the
     * caller carries on on its worker pool.
     *
     * @return the permit, null without a rate limit; failed with {@code AccountRateLimitedException} when the call does
     *         not fit within rateLimitMaxWait
     */
    static CompletableFuture<RateLimiter.Permit> acquire(CallContext call, ChatParameters parameters) {
        RateLimiter limiter = call.services().limiter();
        if (limiter == null) {
            return NO_LIMIT;
        }
        long tokens = 0;
        if (limiter.limitsTokens()) {
            Integer cap = parameters.maxTokens();
            tokens = call.promptEstimate(parameters)
                     + (cap != null ? cap : call.options().spending().outputTokens());
        }
        return call.services().client().inFlightWhile(
                limiter.acquire(tokens, call.options().rateLimits().maxWait()),
                "the rate limit of account '" + limiter.account() + "'");
    }

    /** Gives a permit back when its call could not even be sent. */
    static void release(RateLimiter.Permit permit) {
        if (permit != null) {
            permit.release();
        }
    }

    /** A non-streamed call that settles its permit when it ends. */
    static CompletableFuture<ChatResult> settling(RateLimiter.Permit permit, CompletableFuture<ChatResult> call) {
        if (permit == null) {
            return call;
        }
        return call.whenComplete((result, failure) -> {
            if (failure == null) {
                permit.settle(result.response().usage());
            } else {
                failed(permit, Failures.unwrap(failure));
            }
        });
    }

    /** A streamed call's listener that settles the permit before it hears how the call ended. */
    static StreamListener settling(RateLimiter.Permit permit, StreamListener listener) {
        if (permit == null) {
            return listener;
        }
        // once the answer had begun, the provider counts what it generated: the permit keeps its tokens
        return SettlingStreamListener.settling(listener, response -> permit.settle(response.usage()), permit::keep,
                error -> failed(permit, error));
    }

    /**
     * A call that generated nothing ({@link InferenceException#isNothingGenerated()}) gives its tokens back (the
     * request stays taken, the provider may have counted it). One whose fate is unknown keeps its reservation.
     */
    static void failed(RateLimiter.Permit permit, Throwable failure) {
        if (failure instanceof InferenceException e && e.isNothingGenerated()) {
            permit.refused();
        } else {
            permit.keep();
        }
    }
}
