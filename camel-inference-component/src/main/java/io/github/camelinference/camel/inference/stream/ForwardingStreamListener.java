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
 * Passes everything a stream says on to another listener; a subclass overrides only what it changes or acts on (how the
 * call ended, mostly), so each wrapper around a call's listener is as long as what it adds.
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
