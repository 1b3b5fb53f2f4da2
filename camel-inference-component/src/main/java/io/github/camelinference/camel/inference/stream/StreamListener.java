package io.github.camelinference.camel.inference.stream;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * What a streamed call reports, in order: any number of {@link #onToken} calls, then exactly one of
 * {@link #onComplete} or {@link #onError}. Called from the HTTP client's threads; implementations must not block.
 */
public interface StreamListener {

    /**
     * The answer has started: called once, just before the first {@link #onToken}, with who is answering (latency
     * there is the time to the first token).
     */
    default void onStarted(CallInfo info, String responseId, String responseModel) {
    }

    /** A non-empty text delta, in arrival order. */
    void onToken(String text);

    /**
     * A non-empty reasoning delta ({@code reasoning_content}, {@code reasoning} or a thinking part), in arrival order;
     * never part of the text {@link #onToken} delivers. Ignored unless overridden.
     */
    default void onReasoning(String text) {
    }

    /** The stream ended properly; the response holds the whole text, finish reason and usage. */
    void onComplete(ChatResponse response, CallInfo info);

    /** The call failed, before or after tokens were delivered. */
    void onError(InferenceException error);
}
