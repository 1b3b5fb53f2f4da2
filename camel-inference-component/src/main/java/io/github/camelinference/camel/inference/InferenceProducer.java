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
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.producer.AggregatedStreamCallback;
import io.github.camelinference.camel.inference.producer.AnswerCallback;
import io.github.camelinference.camel.inference.producer.CallContext;
import io.github.camelinference.camel.inference.producer.CallCounter;
import io.github.camelinference.camel.inference.producer.CallFailures;
import io.github.camelinference.camel.inference.producer.EndpointServices;
import io.github.camelinference.camel.inference.producer.GuardedCall;
import io.github.camelinference.camel.inference.producer.IteratingStreamCallback;
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
 * This class keeps the lifecycle and the dispatch; the {@code producer} package holds the rest: the message's call,
 * resolved once ({@link CallContext}), the one path every call to the provider takes, with its rate limit and budget
 * ({@link GuardedCall}), the tool loop ({@link ToolLoop}) and the callbacks that complete the exchange.
 */
public class InferenceProducer extends DefaultAsyncProducer {

    private final InferenceEndpoint endpoint;
    private EndpointServices services;
    private ProducerTemplate tools;
    private ToolLoop toolLoop;

    public InferenceProducer(InferenceEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        services = endpoint.services();
        if (!services.options().tools().isEmpty()) {
            tools = endpoint.getCamelContext().createProducerTemplate();
            tools.start();
        }
        toolLoop = new ToolLoop(services, tools);
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
        MessageTrace trace = MessageTrace.capture(services.telemetry(), services.target(), exchange);
        try {
            CallContext call = CallContext.of(services, exchange, trace);
            return send(call, againOnModelChange(call, callback, 1));
        } catch (RuntimeException e) {
            // nothing escapes process(): bad input, or a call that could not even start, fails this exchange alone
            CallFailures.fail(services.options(), exchange, e, null);
            callback.done(true);
            return true;
        }
    }

    /**
     * Completes the exchange, unless its call failed in a way a model change answers (a retired model's successor, a
     * refused parameter left out): then the call is sent again, within the same exchange.
     */
    private AsyncCallback againOnModelChange(CallContext call, AsyncCallback callback, int attempt) {
        Exchange exchange = call.exchange();
        return doneSync -> {
            ChatParameters next = exchange.getException() instanceof InferenceException failure
                    ? services.modelChanges().next(exchange, call.parameters(), failure, attempt) : null;
            if (next == null) {
                callback.done(doneSync);
                return;
            }
            exchange.setException(null);
            CallCounter.count(exchange);
            try {
                CallContext again = call.next(next);
                send(again, againOnModelChange(again, callback, attempt + 1));
            } catch (RuntimeException notSent) {
                CallFailures.fail(services.options(), exchange, notSent, null);
                callback.done(false);
            }
        };
    }

    private boolean send(CallContext call, AsyncCallback callback) {
        // every call of this message (rounds and re-asks too) takes a permit and a reservation through this
        GuardedCall calls = new GuardedCall(call);
        if (!call.parameters().stream()) {
            // a first call never sent throws here; its answer, failed or not, is only read by the callback
            CompletableFuture<ChatResult> answer = toolLoop.answer(call, calls);
            new AnswerCallback(call, callback).completeWhenAnswered(answer);
            return false;
        }
        StreamedToolRounds rounds = new StreamedToolRounds(call, toolLoop, calls);
        if (services.options().completion().aggregateStream()) {
            AggregatedStreamCallback listener = new AggregatedStreamCallback(call, callback, rounds);
            return stream(call, callback, calls.stream(call.parameters(), listener), listener::attach);
        }
        IteratingStreamCallback listener = new IteratingStreamCallback(call, callback, rounds);
        return stream(call, callback, calls.stream(call.parameters(), listener), listener::attach);
    }

    /** Hands the started stream to its listener, or fails the exchange when the call was not sent. */
    private boolean stream(
            CallContext call, AsyncCallback callback, CompletableFuture<StreamingCall> sent,
            Consumer<StreamingCall> attach) {
        GuardedCall.throwIfNotSent(sent);
        sent.whenComplete((streaming, notSent) -> {
            if (notSent == null) {
                attach.accept(streaming);
            } else {
                // after a wait for the permit: on the route pool
                call.failed(Failures.unwrap(notSent));
                callback.done(false);
            }
        });
        return false;
    }
}
