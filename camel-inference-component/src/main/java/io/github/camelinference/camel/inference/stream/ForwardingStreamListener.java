package io.github.camelinference.camel.inference.stream;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Passes everything a stream says on to another listener; a subclass overrides only what it changes or acts on (how
 * the call ended, mostly), so each wrapper around a call's listener is as long as what it adds.
 */
public class ForwardingStreamListener implements StreamListener {

    private final StreamListener listener;

    public ForwardingStreamListener(StreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void onStarted(CallInfo info, String responseId, String responseModel) {
        listener.onStarted(info, responseId, responseModel);
    }

    @Override
    public void onToken(String text) {
        listener.onToken(text);
    }

    @Override
    public void onReasoning(String text) {
        listener.onReasoning(text);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
        listener.onToolCall(delta);
    }

    @Override
    public void onComplete(ChatResponse response, CallInfo info) {
        listener.onComplete(response, info);
    }

    @Override
    public void onError(InferenceException error) {
        listener.onError(error);
    }
}
