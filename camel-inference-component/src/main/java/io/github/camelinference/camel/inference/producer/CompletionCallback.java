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

import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** What the completion callbacks share: the exchange they complete, and the worker pool they complete it on. */
abstract class CompletionCallback {

    protected final InferenceEndpoint endpoint;
    protected final Exchange exchange;
    protected final CallObservation observation;
    private final AsyncCallback callback;
    private final Executor continuations;

    CompletionCallback(InferenceEndpoint endpoint, Exchange exchange, AsyncCallback callback, Executor continuations,
                       CallObservation observation) {
        this.endpoint = endpoint;
        this.exchange = exchange;
        this.callback = callback;
        this.continuations = continuations;
        this.observation = observation;
    }

    /** The worker pool the route carries on in. */
    protected final Executor continuations() {
        return continuations;
    }

    /** Ends the exchange on the current thread; only for callers already on the worker pool. */
    protected final void done() {
        callback.done(false);
    }

    /** Ends the exchange on the worker pool: the route never carries on on an HTTP client's I/O thread. */
    protected final void doneOnWorkerPool() {
        continuations.execute(this::done);
    }

    /** Puts a whole answer on the exchange: its body and headers; then tells the observers. */
    protected final void setAnswer(ChatResponse response, CallInfo info) {
        Message message = exchange.getMessage();
        message.setBody(AnswerBody.of(endpoint, response, info));
        AnswerHeaders.setAnswerHeaders(endpoint, exchange, message, response, info);
        observation.answered(response, info);
    }

    /** Puts the failure on the exchange and tells the observers. */
    protected final void fail(Throwable error) {
        CallFailures.fail(endpoint, exchange, error, observation);
    }
}
