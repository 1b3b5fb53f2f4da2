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
package io.github.camelinference.camel.inference.telemetry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.apache.camel.Exchange;

/**
 * The telemetry of one message: the parent its spans hang from, captured on the route thread when the message reaches
 * the producer, and the count of its provider calls. Every call of the message (the first, each tool round, each schema
 * re-ask, a retired model's successor) starts its span here, so all are children of the same parent, on whatever thread
 * they start.
 */
public final class MessageTrace {

    /** Records nothing. */
    public static final MessageTrace NONE = new MessageTrace(null, null, Context.root());

    private final InferenceTelemetry.Instruments in;
    private final CallTarget target;
    private final Context parent;
    private final AtomicInteger calls = new AtomicInteger();

    private MessageTrace(InferenceTelemetry.Instruments in, CallTarget target, Context parent) {
        this.in = in;
        this.target = target;
        this.parent = parent;
    }

    /** Captures the message's parent; call it on the thread that hands the exchange over. */
    public static MessageTrace capture(InferenceTelemetry telemetry, CallTarget target, Exchange exchange) {
        InferenceTelemetry.Instruments in = telemetry == null ? null : telemetry.instruments();
        if (in == null || target == null) {
            return NONE;
        }
        return new MessageTrace(in, target, TraceParent.of(exchange));
    }

    /** The span of the message's next provider call, started now. */
    public CallSpan startCall(ChatParameters parameters) {
        if (in == null) {
            return CallSpan.NONE;
        }
        return CallSpan.start(in, target, parent, parameters, calls.incrementAndGet());
    }

    /**
     * Runs one of the endpoint's tools (auto tool mode) in an INTERNAL span {@code execute_tool {name}}, current while
     * it runs. A tool that throws ends it with {@code error.type}, as does a failure the run reports to its
     * {@code failed} consumer (a tool's error handed to the model as its result, toolErrors=report).
     */
    public <T> T tool(String name, String callId, ToolRun<T> run) {
        if (in == null) {
            return run.run(error -> {
            });
        }
        Span span = in.tracer.spanBuilder(GenAi.EXECUTE_TOOL + " " + name).setSpanKind(SpanKind.INTERNAL)
                .setParent(parent)
                .setAttribute(GenAi.OPERATION_NAME, GenAi.EXECUTE_TOOL)
                .setAttribute(GenAi.TOOL_NAME, name)
                .setAttribute(GenAi.TOOL_TYPE, "function")
                .setAttribute(GenAi.TOOL_CALL_ID, callId)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            return run.run(error -> {
                span.setAttribute(GenAi.ERROR_TYPE, GenAi.errorType(error));
                span.setStatus(StatusCode.ERROR, GenAi.errorType(error));
            });
        } catch (RuntimeException e) {
            span.setAttribute(GenAi.ERROR_TYPE, GenAi.errorType(e));
            span.setStatus(StatusCode.ERROR, GenAi.errorType(e));
            throw e;
        } finally {
            span.end();
        }
    }

    /** A tool's run; it tells {@code failed} of a failure it turns into a result instead of throwing. */
    @FunctionalInterface
    public interface ToolRun<T> {
        T run(Consumer<Throwable> failed);
    }

    @Override
    public String toString() {
        return in == null ? "MessageTrace[none]" : "MessageTrace[" + calls.get() + " calls]";
    }
}
