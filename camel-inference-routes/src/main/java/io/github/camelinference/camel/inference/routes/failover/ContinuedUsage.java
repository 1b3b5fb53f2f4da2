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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.budget.CutStreamCharge;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import org.apache.camel.Message;

/**
 * What a stream continued after a break used, over every target that wrote part of it: each target's share, priced at
 * its own endpoint's rate, and their sum, which is what the caller's answer cost. A target whose stream broke never
 * reported usage (a provider sends it in the last chunk), so its share is the estimate its producer left on the attempt
 * ({@link CutStreamCharge}: what was received). The budget charged that target its reserved maximum when the stream
 * broke; once the answer has been continued, it is charged the estimate instead ({@link #settleCuts}).
 * <p>
 * Used by one relay, under its monitor or once its stream has ended.
 */
final class ContinuedUsage {

    private final Map<String, TargetUsage> byTarget = new LinkedHashMap<>();
    private final List<CutStreamCharge> charges = new ArrayList<>();
    /** Whether some target's share is unknown (its call left no estimate): the sum is then unknown too. */
    private boolean unknownShare;
    private Usage total;
    private Double totalCost;

    /** A target's stream broke after it began, and the answer goes on elsewhere. */
    void cut(FailoverTarget target, CutStreamCharge charge) {
        if (charge == null) {
            unknownShare = true; // not an inference endpoint's stream: nothing tells what it used
            add(target.name(), new TargetUsage(Usage.NONE, null, true));
            return;
        }
        charges.add(charge);
        add(target.name(), new TargetUsage(charge.usage(), charge.costUsd(), true));
    }

    /**
     * The target that finished the answer: its own usage counts, and the response the caller gets carries the sum.
     *
     * @return the response with the usage of every target summed
     */
    ChatResponse finished(FailoverTarget target, ChatResponse response) {
        Usage usage = response == null ? Usage.NONE : response.usage();
        Prices prices = target.endpoint() == null || response == null
                ? null
                : target.endpoint().prices(response.model());
        add(target.name(), new TargetUsage(usage, prices == null ? null : prices.cost(usage), false));
        total = sum(byTarget.values().stream().map(TargetUsage::usage).toList());
        totalCost = unknownShare || byTarget.values().stream().anyMatch(share -> share.costUsd() == null)
                ? null
                : byTarget.values().stream().mapToDouble(TargetUsage::costUsd).sum();
        if (response == null) {
            return null;
        }
        return new ChatResponse(
                response.id(), response.model(), response.choices(), total,
                response.systemFingerprint(), response.serviceTier(), response.raw());
    }

    /**
     * Charges each target whose stream broke what it delivered instead of its reserved maximum. Runs where the stream's
     * end actions run (the reading thread), never on an I/O thread: a shared spend store may block.
     */
    void settleCuts() {
        charges.forEach(CutStreamCharge::settleAtEstimate);
    }

    /** The answer's token and cost headers as the sum over the targets, and each target's share. */
    void setHeaders(Message message) {
        setOrRemove(message, InferenceConstants.PROMPT_TOKENS, total == null ? null : total.promptTokens());
        setOrRemove(message, InferenceConstants.COMPLETION_TOKENS, total == null ? null : total.completionTokens());
        setOrRemove(message, InferenceConstants.TOTAL_TOKENS, total == null ? null : total.totalTokens());
        setOrRemove(message, InferenceConstants.REASONING_TOKENS, total == null ? null : total.reasoningTokens());
        setOrRemove(message, InferenceConstants.CACHED_TOKENS, total == null ? null : total.cachedTokens());
        setOrRemove(message, InferenceConstants.COST, totalCost);
        message.setHeader(FailoverConstants.USAGE_BY_TARGET,
                Collections.unmodifiableMap(new LinkedHashMap<>(byTarget)));
    }

    private void add(String name, TargetUsage share) {
        // a target named twice (asked again by instruction after its own break) adds up under its name
        byTarget.merge(name, share, (before, now) -> new TargetUsage(
                sum(List.of(before.usage(), now.usage())),
                before.costUsd() == null || now.costUsd() == null ? null : before.costUsd() + now.costUsd(),
                before.estimated() || now.estimated()));
    }

    /**
     * The counts added up. Prompt, completion and total tokens are unknown when any share's are (a sum with a part
     * missing would undercount); reasoning and cached tokens add up the shares that report them.
     */
    private Usage sum(List<Usage> shares) {
        if (unknownShare) {
            return Usage.NONE;
        }
        return new Usage(
                sumAll(shares, Usage::promptTokens), sumAll(shares, Usage::completionTokens),
                sumAll(shares, Usage::totalTokens), sumKnown(shares, Usage::cachedTokens),
                sumKnown(shares, Usage::reasoningTokens));
    }

    private static Integer sumAll(List<Usage> shares, Function<Usage, Integer> count) {
        long sum = 0;
        for (Usage share : shares) {
            Integer n = count.apply(share);
            if (n == null) {
                return null;
            }
            sum += n;
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    private static Integer sumKnown(List<Usage> shares, Function<Usage, Integer> count) {
        Long sum = null;
        for (Usage share : shares) {
            Integer n = count.apply(share);
            if (n != null) {
                sum = (sum == null ? 0 : sum) + n;
            }
        }
        return sum == null ? null : (int) Math.min(Integer.MAX_VALUE, sum);
    }

    private static void setOrRemove(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        } else {
            message.removeHeader(header);
        }
    }
}
