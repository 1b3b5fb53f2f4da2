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
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** What the completion callbacks share: the call whose exchange they complete, on the worker pool. */
abstract class CompletionCallback {

    protected final CallContext call;
    protected final Exchange exchange;
    protected final CallObservation observation;
    private final AsyncCallback callback;

    CompletionCallback(CallContext call, AsyncCallback callback) {
        this.call = call;
        this.exchange = call.exchange();
        this.observation = call.observation();
        this.callback = callback;
    }

    /** Ends the exchange on the current thread; only for callers already on the worker pool. */
    protected final void done() {
        callback.done(false);
    }

    /** Ends the exchange on the worker pool: the route never carries on on an HTTP client's I/O thread. */
    protected final void doneOnWorkerPool() {
        call.services().continuations().execute(this::done);
    }

    /** Puts a whole answer on the exchange: its body and headers; then tells the observers. */
    protected final void setAnswer(ChatResponse response, CallInfo info) {
        Message message = exchange.getMessage();
        message.setBody(AnswerBody.of(call, response, info));
        AnswerHeaders.setAnswerHeaders(call, message, response, info);
        observation.answered(response, info);
    }

    /** Puts the failure on the exchange and tells the observers. */
    protected final void fail(Throwable error) {
        call.failed(error);
    }
}
