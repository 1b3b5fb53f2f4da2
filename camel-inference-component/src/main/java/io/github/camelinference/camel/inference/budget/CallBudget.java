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
package io.github.camelinference.camel.inference.budget;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.PromptEstimate;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.SettlingStreamListener;
import io.github.camelinference.camel.inference.stream.StreamListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The budget side of one HTTP call: reserve its maximum cost before it is sent, then settle to what it cost. The
 * maximum is the prompt's upper bound ({@link PromptEstimate}) at the input price plus the output cap (maxTokens, else
 * the endpoint's {@code budgetOutputTokens}) at the output price.
 */
public final class CallBudget {

    private static final Logger LOG = LoggerFactory.getLogger(CallBudget.class);

    private CallBudget() {
    }

    /**
     * Reserves the call's maximum cost against the key's budget.
     *
     * @param  prices              the request model's prices; null when unknown, which reserves nothing
     * @param  promptTokens        the prompt's upper bound ({@link PromptEstimate})
     * @param  defaultOutputTokens the output cap when the call sets no maxTokens
     * @return                     the reservation, to be settled by {@link #settle} or {@link #failed}
     * @throws InferenceException  {@link ErrorKind#BUDGET_EXCEEDED} when the key's budget is spent
     */
    public static BudgetGuard.Reservation reserve(
            BudgetGuard guard, String key, Prices prices,
            ChatParameters parameters, long promptTokens, int defaultOutputTokens,
            String provider) {
        long outputTokens = parameters.maxTokens() != null ? parameters.maxTokens() : defaultOutputTokens;
        double maxUsd = prices == null ? 0 : prices.maxCost(promptTokens, outputTokens);
        BudgetGuard.Reservation reservation = guard.reserve(key, maxUsd, parameters.model());
        if (reservation == null) {
            throw InferenceException.of(ErrorKind.BUDGET_EXCEEDED, ErrorDetails.of(provider,
                    String.format(Locale.ROOT, "budget '%s' spent: %.6f of %.6f USD this %s", key, guard.spent(key),
                            guard.limitUsd(key), guard.window().name().toLowerCase(Locale.ROOT))),
                    null);
        }
        return reservation;
    }

    /**
     * Settles a call that answered: to its cost when usage and price are known, else (no usage, malformed usage, no
     * price) it stays charged at the reserved maximum. Returns the key's used fraction afterwards.
     */
    public static double settle(BudgetGuard.Reservation reservation, Prices prices, Usage usage, String provider) {
        Double cost = prices == null || usage == null ? null : prices.cost(usage);
        if (cost == null) {
            if (usage != null && usage.isMalformed()) {
                LOG.warn("{} reported usage that cannot be true ({}): the call stays charged at its reserved maximum"
                         + " of {} USD to budget '{}'",
                        provider, usage.problem(), reservation.reservedUsd(),
                        reservation.key());
            }
            return reservation.keep(usage != null && !usage.isMalformed() ? usage : null);
        }
        return reservation.settle(cost, usage);
    }

    /**
     * Settles a call that failed. A call the provider refused with an HTTP error, that never connected, or that its
     * caller cancelled before any of the answer arrived (as before the CANCELLED kind existed) is released; one whose
     * fate is unknown (a timeout, a stream cut after it started, an unreadable 200, an answer that used its whole token
     * budget) stays charged at the reserved maximum.
     */
    public static void failed(BudgetGuard.Reservation reservation, Throwable failure) {
        if (!(failure instanceof InferenceException e) || e.isNothingGenerated()
                || e.getKind() == ErrorKind.BUDGET_EXCEEDED) {
            reservation.release();
        } else {
            reservation.keep();
        }
    }

    /**
     * A non-streamed call that settles its reservation when it ends, before anything that depends on the returned
     * future runs (so the answer's headers see the settled spend).
     *
     * @param prices the prices for the model that answered, by its id; may return null
     */
    public static CompletableFuture<ChatResult> settling(
            CompletableFuture<ChatResult> call,
            BudgetGuard.Reservation reservation,
            Function<String, Prices> prices, String provider) {
        if (reservation == null) {
            return call;
        }
        return call.whenComplete((result, failure) -> {
            if (failure != null) {
                failed(reservation, Failures.unwrap(failure));
            } else {
                ChatResponse response = result.response();
                settle(reservation, prices.apply(response.model()), response.usage(), provider);
            }
        });
    }

    /** A streamed call's listener that settles the reservation before it hears how the call ended. */
    public static StreamListener settling(
            StreamListener listener, BudgetGuard.Reservation reservation,
            Function<String, Prices> prices, String provider) {
        if (reservation == null) {
            return listener;
        }
        // once the answer had begun, the provider bills what it generated: the reservation is kept
        return SettlingStreamListener.settling(listener,
                response -> settle(reservation, prices.apply(response.model()), response.usage(), provider),
                reservation::keep, error -> failed(reservation, error));
    }
}
