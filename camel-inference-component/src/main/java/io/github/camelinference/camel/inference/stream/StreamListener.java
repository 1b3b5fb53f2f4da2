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
 * What a streamed call reports, in order: any number of {@link #onToken}, {@link #onReasoning} and {@link #onToolCall}
 * calls, then exactly one of {@link #onComplete} or {@link #onError}. Called from the HTTP client's threads;
 * implementations must not block. A listener that wraps another passes every event on, the defaulted ones included.
 */
public interface StreamListener {

    /**
     * The answer has started: called once, just before the first {@link #onToken} or {@link #onToolCall}, whichever
     * comes first, with who is answering (latency there is the time to the first token).
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

    /**
     * A fragment of a tool call, in arrival order (the first of a call names it, the others carry pieces of its
     * arguments). The assembled calls are on the final response's {@code toolCalls()}. Ignored unless overridden.
     */
    default void onToolCall(ToolCallDelta delta) {
    }

    /** The stream ended properly; the response holds the whole text, finish reason and usage. */
    void onComplete(ChatResponse response, CallInfo info);

    /** The call failed, before or after tokens were delivered. */
    void onError(InferenceException error);
}
