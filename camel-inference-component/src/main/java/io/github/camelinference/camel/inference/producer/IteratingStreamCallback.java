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

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.StreamListener;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Message;

/**
 * {@code stream=true}: the exchange completes at the first text delta (or reasoning delta, with
 * {@code streamReasoning=true}, or tool-call fragment of tools passed through in the request) with a {@link ChatStream}
 * body and the headers saying who answers; usage, finish reason and reasoning follow when the route has read the stream
 * to its end (on the message that received the stream; {@code ChatStream.response()} has them wherever the body went).
 * In auto tool mode the stream carries every round's text and ends with the last round; in manual mode an answer that
 * is only tool calls completes the exchange with the tool calls as its body.
 */
public final class IteratingStreamCallback extends CompletionCallback implements StreamListener {

    private final Message message;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicReference<StreamingCall> current = new AtomicReference<>();
    private final ChatStream stream;
    private final StreamedToolRounds toolRounds;
    private volatile CallInfo info;

    public IteratingStreamCallback(CallContext call, AsyncCallback callback, StreamedToolRounds toolRounds) {
        super(call, callback);
        this.toolRounds = toolRounds;
        this.message = exchange.getMessage();
        this.stream = new ChatStream(() -> {
            StreamingCall c = current.get();
            if (c != null) {
                c.cancel();
            }
        });
        stream.onEnd(response -> AnswerHeaders.setAnswerHeaders(call, message, response, info));
    }

    /**
     * The call that feeds this stream, so closing the stream early cancels it; a cancellation from outside (a failover
     * step dropping this call) ends it with a cancelled error. The call reads from the provider no faster than the
     * route reads the stream.
     */
    public void attach(StreamingCall streamingCall) {
        current.set(streamingCall);
        stream.onTaken(streamingCall::resume);
        streamingCall.pacedBy(stream::unread);
        call.cancellation().track(() -> {
            streamingCall.cancel();
            onError(CallFailures.cancelled(call.options().provider()));
        });
    }

    @Override
    public void onStarted(CallInfo callInfo, String responseId, String responseModel) {
        // who answers is known now; EIPs that copy the message (a circuit breaker) carry these headers along. Once
        // the route has the message (reasoning released it, or an earlier tool round), only the end sets headers
        if (!released.get()) {
            AnswerHeaders.setCallHeaders(exchange, message, callInfo, responseId, responseModel);
        }
    }

    @Override
    public void onToken(String text) {
        stream.push(text);
        release();
    }

    @Override
    public void onReasoning(String text) {
        if (call.options().completion().streamReasoning()) {
            stream.pushReasoning(text);
            release();
        }
    }

    /**
     * Tools the request passed through (the caller runs them): the fragments go into the stream as they come, and the
     * first completes the exchange as a text delta would. The endpoint's own tools are not the caller's to see in
     * pieces: auto mode runs them, manual mode answers with the whole calls as the body.
     */
    @Override
    public void onToolCall(ToolCallDelta delta) {
        if (call.options().tools().isEmpty()) {
            stream.pushToolCall(delta);
            release();
        }
    }

    @Override
    public void onComplete(ChatResponse response, CallInfo callInfo) {
        if (toolRounds.continues(response)) {
            toolRounds.next(response, this, this::attach, this::failBetweenRounds);
            return;
        }
        if (!released.get() && !call.options().tools().isEmpty() && response.toolCalls() != null) {
            // manual mode, and no text came before the tool calls: the body is the tool calls, as unstreamed
            released.set(true);
            try {
                setAnswer(response, callInfo);
            } catch (InferenceException error) {
                fail(error);
            }
            doneOnWorkerPool();
            return;
        }
        this.info = callInfo;
        observation.answered(response, callInfo);
        stream.complete(response);
        release();
    }

    @Override
    public void onError(InferenceException error) {
        if (released.compareAndSet(false, true)) {
            fail(error);
            doneOnWorkerPool();
        } else {
            observation.failed(error);
            stream.fail(error);
        }
    }

    /** A tool round failed on the worker pool: fails the exchange, or ends the stream the route is reading. */
    private void failBetweenRounds(RuntimeException error) {
        if (released.compareAndSet(false, true)) {
            fail(error);
            done(); // on the worker pool already
        } else {
            observation.failed(StreamedToolRounds.asStreamError(call.options().provider(), error));
            stream.fail(StreamedToolRounds.asStreamError(call.options().provider(), error));
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            message.setBody(stream);
            // the route reads the stream on a thread of its own, never on the thread that delivers the tokens
            doneOnWorkerPool();
        }
    }
}
