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
package io.github.camelinference.camel.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.producer.AggregatedStreamCallback;
import io.github.camelinference.camel.inference.producer.AnswerCallback;
import io.github.camelinference.camel.inference.producer.CallCancellation;
import io.github.camelinference.camel.inference.producer.CallCounter;
import io.github.camelinference.camel.inference.producer.CallFailures;
import io.github.camelinference.camel.inference.producer.CallObservation;
import io.github.camelinference.camel.inference.producer.GuardedCall;
import io.github.camelinference.camel.inference.producer.IteratingStreamCallback;
import io.github.camelinference.camel.inference.producer.MessageParameters;
import io.github.camelinference.camel.inference.producer.StreamedToolRounds;
import io.github.camelinference.camel.inference.producer.ToolLoop;
import io.github.camelinference.camel.inference.telemetry.MessageTrace;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the message to the provider and completes the exchange when the answer arrives, without holding a thread
 * meanwhile. Streamed calls complete the exchange at the first text delta, so everything that can fail before an answer
 * starts (HTTP errors, first-token timeout, an error event) fails the exchange itself, where a circuit breaker or
 * failover can still act; what fails later ends the body's iteration with the typed error.
 * <p>
 * This class keeps the lifecycle and the dispatch; the {@code producer} package holds the rest: how a message is read
 * ({@link MessageParameters}), the one path every call to the provider takes, with its rate limit and budget
 * ({@link GuardedCall}), the tool loop ({@link ToolLoop}), the observers ({@link CallObservation}) and the callbacks
 * that complete the exchange.
 */
public class InferenceProducer extends DefaultAsyncProducer {

    private final InferenceEndpoint endpoint;
    private ProducerTemplate tools;
    private ToolLoop toolLoop;

    public InferenceProducer(InferenceEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (!endpoint.tools().isEmpty()) {
            tools = endpoint.getCamelContext().createProducerTemplate();
            tools.start();
        }
        toolLoop = new ToolLoop(endpoint, tools);
    }

    @Override
    protected void doStop() throws Exception {
        if (tools != null) {
            tools.stop();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CallCounter.count(exchange);
        // the parent of this message's spans, taken here on the route's thread: its calls end on other threads
        MessageTrace trace = MessageTrace.capture(endpoint.getComponent().telemetry(), endpoint.callTarget(), exchange);
        try {
            ChatParameters parameters = endpoint.modelChanges().first(exchange, MessageParameters.of(endpoint, exchange));
            return send(exchange, againOnModelChange(exchange, callback, parameters, 1, trace), parameters, trace);
        } catch (RuntimeException e) {
            // nothing escapes process(): bad input, or a call that could not even start, fails this exchange alone
            CallFailures.fail(endpoint, exchange, e, null);
            callback.done(true);
            return true;
        }
    }

    /**
     * Completes the exchange, unless its call failed in a way a model change answers (a retired model's successor, a
     * refused parameter left out): then the call is sent again, within the same exchange.
     */
    private AsyncCallback againOnModelChange(
            Exchange exchange, AsyncCallback callback, ChatParameters sent,
            int attempt, MessageTrace trace) {
        return doneSync -> {
            ChatParameters next = exchange.getException() instanceof InferenceException failure
                    ? endpoint.modelChanges().next(exchange, sent, failure, attempt) : null;
            if (next == null) {
                callback.done(doneSync);
                return;
            }
            exchange.setException(null);
            CallCounter.count(exchange);
            try {
                send(exchange, againOnModelChange(exchange, callback, next, attempt + 1, trace), next, trace);
            } catch (RuntimeException notSent) {
                CallFailures.fail(endpoint, exchange, notSent, null);
                callback.done(false);
            }
        };
    }

    private boolean send(Exchange exchange, AsyncCallback callback, ChatParameters parameters, MessageTrace trace) {
        Executor continuations = endpoint.getComponent().continuations();
        CallObservation observation = new CallObservation(endpoint, parameters.model(), System.nanoTime());
        CallCancellation cancellation = CallCancellation.on(exchange);
        // every call of this message (rounds and re-asks too) takes a permit and a reservation through this
        GuardedCall calls = new GuardedCall(endpoint, exchange, MessageParameters.timeouts(endpoint, exchange), trace);
        if (!parameters.stream()) {
            // a first call never sent throws here; its answer, failed or not, is only read by the callback
            CompletableFuture<ChatResult> answer = toolLoop.answer(exchange, parameters, calls);
            new AnswerCallback(endpoint, exchange, callback, continuations, observation).completeWhenAnswered(answer);
            return false;
        }
        StreamedToolRounds rounds = new StreamedToolRounds(endpoint, toolLoop, exchange, parameters, calls);
        if (endpoint.getConfiguration().isAggregateStream()) {
            AggregatedStreamCallback listener
                    = new AggregatedStreamCallback(endpoint, exchange, callback, continuations, observation, rounds);
            return stream(exchange, callback, observation, calls.stream(parameters, listener),
                    call -> listener.attach(call, cancellation));
        }
        IteratingStreamCallback listener
                = new IteratingStreamCallback(endpoint, exchange, callback, continuations, observation, rounds);
        return stream(exchange, callback, observation, calls.stream(parameters, listener),
                call -> listener.attach(call, cancellation));
    }

    /** Hands the started stream to its listener, or fails the exchange when the call was not sent. */
    private boolean stream(
            Exchange exchange, AsyncCallback callback, CallObservation observation,
            CompletableFuture<StreamingCall> sent, Consumer<StreamingCall> attach) {
        GuardedCall.throwIfNotSent(sent);
        sent.whenComplete((call, notSent) -> {
            if (notSent == null) {
                attach.accept(call);
            } else {
                // after a wait for the permit: on the route pool
                CallFailures.fail(endpoint, exchange, Failures.unwrap(notSent), observation);
                callback.done(false);
            }
        });
        return false;
    }
}
