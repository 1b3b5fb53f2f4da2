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

import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.PromptEstimate;
import io.github.camelinference.camel.inference.chat.Usage;

/**
 * What a stream cut after it began had used, as far as its caller can tell, and the budget reservation it kept.
 * <p>
 * A provider sends usage in a stream's last chunk, so a cut stream never delivered any: its usage here is an estimate.
 * The prompt counts at its upper bound ({@link PromptEstimate}, as the reservation did), the output at one token per
 * delta received (text, reasoning or a tool-call fragment: servers put at least one token in each). The call itself
 * stays charged at its reserved maximum, since the provider may have generated more than reached us; a failover step
 * that continues the answer on another target counts this estimate instead ({@link #settleAtEstimate}), priced at the
 * cut target's own rate, and adds it to the continued answer's usage.
 */
public final class CutStreamCharge {

    private final Usage usage;
    private final Double costUsd;
    private final BudgetGuard.Reservation reservation;

    /**
     * @param promptTokens the prompt's upper bound
     * @param outputDeltas the output deltas the stream delivered before it broke
     * @param prices       the cut target's prices; null when unknown (no cost then)
     * @param reservation  the call's reservation, kept at its maximum; null without a budget guard
     */
    public CutStreamCharge(long promptTokens, long outputDeltas, Prices prices, BudgetGuard.Reservation reservation) {
        int prompt = (int) Math.min(Integer.MAX_VALUE, Math.max(0, promptTokens));
        int completion = (int) Math.min(Integer.MAX_VALUE, Math.max(0, outputDeltas));
        this.usage = new Usage(
                prompt, completion, (int) Math.min(Integer.MAX_VALUE, (long) prompt + completion), null,
                null);
        this.costUsd = prices == null ? null : prices.cost(usage);
        this.reservation = reservation;
    }

    /** The estimated usage: prompt at its upper bound, one output token per delta received. */
    public Usage usage() {
        return usage;
    }

    /** The estimated usage at the cut target's prices, or null when its prices are unknown. */
    public Double costUsd() {
        return costUsd;
    }

    /**
     * The answer was continued elsewhere: the cut call is charged its estimate instead of its reserved maximum (never
     * more). Does nothing without a budget guard or a second time; without a price (the call reserved nothing) only the
     * usage is told to the guard's {@code UsageRecorder}.
     */
    public void settleAtEstimate() {
        if (reservation != null) {
            // without a price the call reserved nothing: its charge stays 0 and only its usage is heard
            reservation.settleKept(costUsd != null ? costUsd : reservation.reservedUsd(), usage);
        }
    }

    @Override
    public String toString() {
        return "CutStreamCharge[" + usage.promptTokens() + " prompt, " + usage.completionTokens()
               + " completion tokens (estimated), " + costUsd + " USD]";
    }
}
