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

import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.stream.StreamListener;

/**
 * Tools with {@code stream=true} in auto mode: when a round's stream ends with tool calls, the tools run on the route
 * pool and the next round streams to the same listener, round after round, until an answer without tool calls ends the
 * call (or maxToolRounds is reached).
 */
public final class StreamedToolRounds {

    private final CallContext call;
    private final ToolLoop toolLoop;
    private final GuardedCall calls;
    private volatile ChatParameters parameters;
    private volatile int round = 1;

    /** @param calls how each round is sent: with its own rate-limit permit and budget reservation */
    public StreamedToolRounds(CallContext call, ToolLoop toolLoop, GuardedCall calls) {
        this.call = call;
        this.toolLoop = toolLoop;
        this.parameters = call.parameters();
        this.calls = calls;
    }

    /** Whether this answer ends a round rather than the call: its tool calls are this endpoint's to run. */
    boolean continues(ChatResponse response) {
        return call.options().runsTools() && response.toolCalls() != null;
    }

    /**
     * Runs the answer's tool calls on the route pool, then streams the next round to the listener (a guarded call, as
     * the first round was) and hands its call to {@code attach}. A failure (maxToolRounds reached, a tool failing with
     * toolErrors=fail, a rate limit or the budget refusing the round, a call that cannot start) goes to {@code failed}
     * on the route pool, as an {@link InferenceException} or the tool's own exception.
     */
    void next(
            ChatResponse response, StreamListener listener, Consumer<StreamingCall> attach,
            Consumer<RuntimeException> failed) {
        call.services().continuations().execute(() -> {
            try {
                parameters = toolLoop.afterToolCalls(call, parameters, response, round);
                round++;
            } catch (RuntimeException e) {
                failed.accept(e);
                return;
            }
            calls.stream(parameters, listener).whenComplete((sent, notSent) -> {
                if (notSent == null) {
                    attach.accept(sent);
                } else {
                    Throwable cause = Failures.unwrap(notSent);
                    failed.accept(cause instanceof RuntimeException e ? e : new IllegalStateException(cause));
                }
            });
        });
    }

    /** A failure between two rounds as the error a stream that has already started can end with. */
    static InferenceException asStreamError(String provider, RuntimeException failure) {
        if (failure instanceof InferenceException known) {
            return known;
        }
        return InferenceException.of(ErrorKind.INVALID_REQUEST, ErrorDetails.of(provider,
                "a tool failed between two streamed rounds (toolErrors=fail): " + failure.getMessage()), failure);
    }
}
