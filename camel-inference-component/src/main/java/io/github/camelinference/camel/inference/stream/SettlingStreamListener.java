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
package io.github.camelinference.camel.inference.stream;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Passes a stream on to a listener, and settles something the call reserved (a budget, a rate limit) just before the
 * listener hears how the call ended. Whether the answer had begun decides a failure's settling: once the model has
 * generated anything, text, reasoning or a tool call, the provider counts and bills it.
 */
public abstract class SettlingStreamListener extends ForwardingStreamListener {

    private volatile boolean begun;

    protected SettlingStreamListener(StreamListener listener) {
        super(listener);
    }

    /** The stream completed: settle from its usage. */
    protected abstract void completed(ChatResponse response);

    /** The stream failed; {@code answerBegun} says whether the model had generated anything before. */
    protected abstract void failed(InferenceException error, boolean answerBegun);

    @Override
    public void onStarted(CallInfo info, String responseId, String responseModel) {
        begun = true;
        super.onStarted(info, responseId, responseModel);
    }

    @Override
    public void onToken(String text) {
        begun = true;
        super.onToken(text);
    }

    @Override
    public void onReasoning(String text) {
        begun = true; // the model is generating: what it reasons is billed too
        super.onReasoning(text);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
        begun = true; // a tool call is generated output, billed as any other
        super.onToolCall(delta);
    }

    @Override
    public void onComplete(ChatResponse response, CallInfo info) {
        completed(response);
        super.onComplete(response, info);
    }

    @Override
    public void onError(InferenceException error) {
        failed(error, begun);
        super.onError(error);
    }
}
