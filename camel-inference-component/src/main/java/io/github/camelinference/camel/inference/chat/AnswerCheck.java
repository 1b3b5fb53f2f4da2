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
package io.github.camelinference.camel.inference.chat;

import java.util.Map;

import io.github.camelinference.camel.inference.error.ContentFilteredException;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Excerpt;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * HTTP 200 is not always an answer: reasoning models can spend the whole token budget thinking and return no text
 * ({@code finish_reason: length}), and a content filter can return nothing. Both become typed errors, never an empty
 * success. An answer a content filter stopped ({@code finish_reason: content_filter}) is an error even with some text:
 * the text is cut where the filter struck.
 */
public final class AnswerCheck {

    private AnswerCheck() {
    }

    /** @return null when the response is a usable answer, else the error to raise */
    public static InferenceException problem(ChatResponse response, CallInfo info) {
        if (response.choices().isEmpty()) {
            return InferenceException.of(ErrorKind.MALFORMED_RESPONSE,
                    new ErrorDetails(
                            info.provider(), 200, null, null, "the response has no choices", info.requestId(),
                            null),
                    null);
        }
        ChatResponse.Choice first = response.choices().get(0);
        if ("content_filter".equals(first.finishReason())) {
            return filtered(response, info);
        }
        boolean noText = first.content() == null || first.content().isEmpty();
        if (!noText || first.toolCalls() != null) {
            return null;
        }
        if ("length".equals(first.finishReason())) {
            Integer reasoning = response.usage().reasoningTokens();
            return InferenceException.of(ErrorKind.EMPTY_ANSWER, new ErrorDetails(
                    info.provider(), 200, null, "length",
                    "the answer is empty: the token budget ran out" + (reasoning == null
                            ? ""
                            : " after " + reasoning + " reasoning tokens")
                                                          + "; raise maxTokens or lower reasoningEffort",
                    info.requestId(), null), null);
        }
        if (first.refusal() != null && !first.refusal().isEmpty()) {
            return InferenceException.of(ErrorKind.CONTENT_FILTERED, new ErrorDetails(
                    info.provider(), 200, null,
                    "refusal", "the model refused: " + Excerpt.of(first.refusal()), info.requestId(), null), null);
        }
        return null;
    }

    /** The answer a content filter stopped, naming the categories and severities when the provider does (Azure). */
    private static InferenceException filtered(ChatResponse response, CallInfo info) {
        Map<String, String> categories = response.contentFilter() == null
                ? Map.of()
                : response.contentFilter().filteredCategories();
        String message = "the provider's content filter withheld the answer" + (categories.isEmpty()
                ? ""
                : ": filtered for " + ContentFilteredException.describe(categories));
        return new ContentFilteredException(
                new ErrorDetails(
                        info.provider(), 200, null, "content_filter", message,
                        info.requestId(), null),
                null, categories);
    }
}
