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

import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Passes a stream on to a listener, and settles something the call reserved (a budget, a rate limit) just before the
 * listener hears how the call ended. Whether the answer had begun decides a failure's settling: once the model has
 * generated anything, text, reasoning or a tool call, the provider counts and bills it.
 */
public abstract class SettlingStreamListener extends ForwardingStreamListener {

    // why volatile: one thread delivers the events, but a timeout may end the call from the timer
    private volatile boolean begun;
    private volatile long outputDeltas;
    private volatile String responseModel;

    protected SettlingStreamListener(StreamListener listener) {
        super(listener);
    }

    /**
     * A listener that settles a reservation from the usage when the stream completes; when it fails, keeps the whole
     * reservation if the answer had begun (the provider counts what it generated), else leaves it to
     * {@code failedBeforeAnswer}.
     */
    public static StreamListener settling(
            StreamListener listener, Consumer<ChatResponse> completed, Runnable keep,
            Consumer<InferenceException> failedBeforeAnswer) {
        return new SettlingStreamListener(listener) {
            @Override
            protected void completed(ChatResponse response) {
                completed.accept(response);
            }

            @Override
            protected void failed(InferenceException error, boolean answerBegun) {
                if (answerBegun) {
                    keep.run();
                } else {
                    failedBeforeAnswer.accept(error);
                }
            }
        };
    }

    /** The output deltas delivered so far: text, reasoning, tool-call fragments (servers put a token in each). */
    protected final long outputDeltas() {
        return outputDeltas;
    }

    /** The model that answers, as the stream's first chunk names it; null before. */
    protected final String responseModel() {
        return responseModel;
    }

    /** The stream completed: settle from its usage. */
    protected abstract void completed(ChatResponse response);

    /** The stream failed; {@code answerBegun} says whether the model had generated anything before. */
    protected abstract void failed(InferenceException error, boolean answerBegun);

    @Override
    public void onStarted(CallInfo info, String responseId, String responseModel) {
        begun = true;
        this.responseModel = responseModel;
        super.onStarted(info, responseId, responseModel);
    }

    @Override
    public void onToken(String text) {
        begun = true;
        countOutput(text);
        super.onToken(text);
    }

    @Override
    public void onReasoning(String text) {
        begun = true; // the model is generating: what it reasons is billed too
        countOutput(text);
        super.onReasoning(text);
    }

    @Override
    public void onToolCall(ToolCallDelta delta) {
        begun = true; // a tool call is generated output, billed as any other
        outputDeltas++;
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

    private void countOutput(String text) {
        if (text != null && !text.isEmpty()) {
            outputDeltas++;
        }
    }
}
