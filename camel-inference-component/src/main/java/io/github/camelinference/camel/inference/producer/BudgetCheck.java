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
import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.budget.CallBudget;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.stream.ForwardingStreamListener;
import io.github.camelinference.camel.inference.stream.StreamListener;

/**
 * The endpoint's budgetGuard as a call meets it: every HTTP call (each tool round and schema re-ask too) reserves its
 * maximum cost before it is sent, atomically with the check, and settles to its real cost when it ends.
 * {@link GuardedCall} is the one caller.
 */
public final class BudgetCheck {

    private BudgetCheck() {
    }

    /**
     * Reserves this call's maximum cost against the message's budget. A call the budget refuses is never sent, so the
     * rate-limit permit it holds goes back.
     *
     * @return                    the reservation, or null without a budgetGuard
     * @throws InferenceException BUDGET_EXCEEDED when the budget is spent
     */
    static BudgetGuard.Reservation reserve(CallContext call, ChatParameters parameters, RateLimiter.Permit permit) {
        BudgetGuard guard = call.options().spending().guard();
        if (guard == null) {
            return null;
        }
        try {
            return CallBudget.reserve(guard, call.budgetKey(), call.prices(), parameters,
                    call.promptEstimate(parameters), call.options().spending().outputTokens(),
                    call.options().provider());
        } catch (RuntimeException notSent) {
            RateLimitCheck.release(permit);
            throw notSent;
        }
    }

    /**
     * A non-streamed call that settles its reservation when it ends, before the answer is used. The settling runs on
     * the route pool: a call ends on an HTTP client I/O thread, and a shared spend store (Redis) blocks on the network.
     */
    static CompletableFuture<ChatResult> settling(
            CallContext call, BudgetGuard.Reservation reservation,
            CompletableFuture<ChatResult> answer) {
        if (reservation == null) {
            return answer;
        }
        CompletableFuture<ChatResult> onPool = answer.whenCompleteAsync((result, failure) -> {
        }, call.services().continuations());
        return CallBudget.settling(onPool, reservation, call.options()::prices, call.options().provider());
    }

    /**
     * A streamed call's listener that settles the reservation before it hears how the call ended; the end (settling
     * included) is heard on the route pool, never on the I/O thread, for the same reason.
     */
    static StreamListener settling(CallContext call, BudgetGuard.Reservation reservation, StreamListener listener) {
        if (reservation == null) {
            return listener;
        }
        StreamListener settling
                = CallBudget.settling(listener, reservation, call.options()::prices, call.options().provider());
        Executor pool = call.services().continuations();
        return new ForwardingStreamListener(settling) {
            @Override
            public void onComplete(ChatResponse response, CallInfo info) {
                pool.execute(() -> settling.onComplete(response, info));
            }

            @Override
            public void onError(InferenceException error) {
                pool.execute(() -> settling.onError(error));
            }
        };
    }

    /** Gives a reservation back when its call could not even be sent. */
    static void release(BudgetGuard.Reservation reservation) {
        if (reservation != null) {
            reservation.release();
        }
    }

    /**
     * The share of this message's budget used now that the answer's cost is settled.
     *
     * @return the fraction, or null without a budgetGuard
     */
    static Double usedFraction(CallContext call) {
        BudgetGuard guard = call.options().spending().guard();
        return guard == null ? null : guard.usedFraction(call.budgetKey());
    }
}
