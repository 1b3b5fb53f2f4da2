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

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.stream.StreamListener;
import org.apache.camel.AsyncCallback;

/**
 * {@code aggregateStream=true}: the exchange completes once, with the whole answer or the typed error; in auto tool
 * mode after the last round.
 */
public final class AggregatedStreamCallback extends CompletionCallback implements StreamListener {

    private final StreamedToolRounds toolRounds;

    public AggregatedStreamCallback(CallContext call, AsyncCallback callback, StreamedToolRounds toolRounds) {
        super(call, callback);
        this.toolRounds = toolRounds;
    }

    /**
     * The call of the current round. A cancellation from outside (a failover step dropping this call) aborts it and
     * fails the exchange.
     */
    public void attach(StreamingCall streamingCall) {
        call.cancellation().track(() -> {
            streamingCall.cancel();
            onError(CallFailures.cancelled(call.options().provider()));
        });
    }

    @Override
    public void onToken(String text) {
        // the call accumulates the text itself
    }

    @Override
    public void onComplete(ChatResponse response, CallInfo info) {
        if (toolRounds.continues(response)) {
            toolRounds.next(response, this, this::attach, error -> {
                fail(error);
                done(); // on the worker pool already
            });
            return;
        }
        try {
            setAnswer(response, info);
        } catch (InferenceException error) {
            fail(error);
        }
        doneOnWorkerPool();
    }

    @Override
    public void onError(InferenceException error) {
        fail(error);
        doneOnWorkerPool();
    }
}
