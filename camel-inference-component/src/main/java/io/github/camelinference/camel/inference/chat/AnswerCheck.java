package io.github.camelinference.camel.inference.chat;

import io.github.camelinference.camel.inference.error.ContentFilterCategories;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Excerpt;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * HTTP 200 is not always an answer: reasoning models can spend the whole token budget thinking and return no text
 * ({@code finish_reason: length}), and a content filter can return nothing. Both become typed errors, never an empty
 * success.
 */
public final class AnswerCheck {

    private AnswerCheck() {
    }

    /** @return null when the response is a usable answer, else the error to raise */
    public static InferenceException problem(ChatResponse response, CallInfo info) {
        if (response.choices().isEmpty()) {
            return InferenceException.of(ErrorKind.MALFORMED_RESPONSE,
                    new ErrorDetails(info.provider(), 200, null, null, "the response has no choices", info.requestId(),
                            null), null);
        }
        ChatResponse.Choice first = response.choices().get(0);
        boolean noText = first.content() == null || first.content().isEmpty();
        if (!noText || first.toolCalls() != null) {
            return null;
        }
        if ("length".equals(first.finishReason())) {
            Integer reasoning = response.usage().reasoningTokens();
            return InferenceException.of(ErrorKind.EMPTY_ANSWER, new ErrorDetails(info.provider(), 200, null, "length",
                    "the answer is empty: the token budget ran out" + (reasoning == null ? ""
                            : " after " + reasoning + " reasoning tokens")
                            + "; raise maxTokens or lower reasoningEffort", info.requestId(), null), null);
        }
        if ("content_filter".equals(first.finishReason())) {
            String withheld = "the provider's content filter withheld the answer";
            return InferenceException.of(ErrorKind.CONTENT_FILTERED, new ErrorDetails(info.provider(), 200, null,
                    "content_filter", response.raw() == null ? withheld
                    : ContentFilterCategories.describe(withheld, response.raw()), info.requestId(), null), null);
        }
        if (first.refusal() != null && !first.refusal().isEmpty()) {
            return InferenceException.of(ErrorKind.CONTENT_FILTERED, new ErrorDetails(info.provider(), 200, null,
                    "refusal", "the model refused: " + Excerpt.of(first.refusal()), info.requestId(), null), null);
        }
        return null;
    }
}
