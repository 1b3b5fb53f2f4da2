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

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.Failures;
import org.apache.camel.AsyncCallback;

/** Completes the exchange of a non-streamed call, with the answer or its typed error, on the worker pool. */
public final class AnswerCallback extends CompletionCallback {

    public AnswerCallback(CallContext call, AsyncCallback callback) {
        super(call, callback);
    }

    /** Completes the exchange once the answer (or its failure) is there. */
    public void completeWhenAnswered(CompletableFuture<ChatResult> answer) {
        answer.whenCompleteAsync(this::complete, call.services().continuations());
    }

    private void complete(ChatResult result, Throwable failure) {
        try {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                throw cause instanceof CancellationException ? CallFailures.cancelled(call.options().provider()) : cause;
            }
            setAnswer(result.response(), result.info());
        } catch (Throwable error) {
            fail(error);
        }
        done(); // already on the worker pool (whenCompleteAsync)
    }
}
