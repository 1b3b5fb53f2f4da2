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

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes the headers that say who answered a call, and what the answer cost. */
final class AnswerHeaders {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerHeaders.class);

    private AnswerHeaders() {
    }

    /** Who answered: known when the answer starts, so streamed calls set these at their first token. */
    static void setCallHeaders(
            Exchange exchange, Message message, CallInfo info, String responseId,
            String responseModel) {
        message.setHeader(InferenceConstants.ATTEMPTS, CallCounter.calls(exchange));
        message.setHeader(InferenceConstants.PROVIDER, info.provider());
        message.setHeader(InferenceConstants.BACKEND, info.backend());
        setIfPresent(message, InferenceConstants.REQUEST_ID, info.requestId());
        setIfPresent(message, InferenceConstants.TIME_TO_FIRST_TOKEN, info.timeToFirstTokenMillis());
        setIfPresent(message, InferenceConstants.RESPONSE_ID, responseId);
        setIfPresent(message, InferenceConstants.RESPONSE_MODEL, responseModel);
    }

    /** Everything about a finished answer: who, how long, why it stopped, and the tokens it cost. */
    static void setAnswerHeaders(CallContext call, Message message, ChatResponse response, CallInfo info) {
        setCallHeaders(call.exchange(), message, info, response.id(), response.model());
        message.setHeader(InferenceConstants.LATENCY, info.latencyMillis());
        setIfPresent(message, InferenceConstants.FINISH_REASON, response.finishReason());
        Usage usage = response.usage();
        setIfPresent(message, InferenceConstants.PROMPT_TOKENS, usage.promptTokens());
        setIfPresent(message, InferenceConstants.COMPLETION_TOKENS, usage.completionTokens());
        setIfPresent(message, InferenceConstants.TOTAL_TOKENS, usage.totalTokens());
        setIfPresent(message, InferenceConstants.REASONING_TOKENS, usage.reasoningTokens());
        setIfPresent(message, InferenceConstants.CACHED_TOKENS, usage.cachedTokens());
        setIfPresent(message, InferenceConstants.REASONING, response.reasoning());
        setIfPresent(message, InferenceConstants.SKIPPED_CHUNKS, info.skippedChunks() > 0 ? info.skippedChunks() : null);
        setIfPresent(message, InferenceConstants.CONTENT_FILTER_RESULTS,
                response.contentFilter() == null ? null : response.contentFilter().asMap());
        Prices prices = call.options().prices(response.model());
        Double cost = prices == null ? null : prices.cost(usage);
        if (usage.isMalformed() && call.options().spending().guard() == null) {
            // with a budget guard, the budget's settlement says so (and what it charged)
            LOG.warn("{} reported usage that cannot be true ({}): no token counts or cost are set",
                    call.options().provider(), usage.problem());
        }
        setIfPresent(message, InferenceConstants.COST, cost);
        // the call's cost was settled against the budget when it ended (BudgetCheck); this reads where it stands
        Double budgetUsed = BudgetCheck.usedFraction(call);
        if (budgetUsed != null) {
            message.setHeader(InferenceConstants.BUDGET_USED, budgetUsed);
        }
        message.setHeader(InferenceConstants.RESPONSE, response);
    }

    /** Sets the header, or removes one an earlier call left when this answer has no such value. */
    private static void setIfPresent(Message message, String header, Object value) {
        if (value != null) {
            message.setHeader(header, value);
        } else {
            message.removeHeader(header);
        }
    }
}
