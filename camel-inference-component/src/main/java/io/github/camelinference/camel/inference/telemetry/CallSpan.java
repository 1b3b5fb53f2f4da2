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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.StreamListener;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * One provider HTTP call as a CLIENT span {@code chat {gen_ai.request.model}}, and its metrics: started before the call
 * waits for its rate-limit permit, current while the request is built (so {@code traceparent} names it), ended when the
 * answer arrives, or for a stream when the stream ends. Events: the first chunk of a stream, a rate-limit wait, a
 * rate-limit or budget refusal. Nothing of the prompt or the answer is recorded unless {@code captureContent=true};
 * error messages never are (a provider may quote the prompt in them).
 * <p>
 * Called from route threads, the timer and HTTP I/O threads: every method is quick and never throws.
 */
public final class CallSpan {

    /** Records nothing: what every call gets while no OpenTelemetry SDK is there. */
    public static final CallSpan NONE = new CallSpan();

    private final InferenceTelemetry.Instruments in;
    private final CallTarget target;
    private final Span span;
    private final Context context;
    private final boolean stream;
    private final Attributes metricAttributes;
    private final long startNanos = System.nanoTime();
    private volatile long sentNanos;
    private volatile long waitStartNanos;
    private final AtomicBoolean firstChunk = new AtomicBoolean();
    private volatile double timeToFirstChunk = -1;
    private final AtomicBoolean ended = new AtomicBoolean();

    private CallSpan() {
        in = null;
        target = null;
        span = Span.getInvalid();
        context = null;
        stream = false;
        metricAttributes = Attributes.empty();
    }

    private CallSpan(InferenceTelemetry.Instruments in, CallTarget target, Context parent, ChatParameters p,
                     int callIndex) {
        this.in = in;
        this.target = target;
        this.stream = p.stream();
        SpanBuilder builder = in.tracer.spanBuilder(GenAi.CHAT + " " + p.model()).setSpanKind(SpanKind.CLIENT)
                .setParent(parent)
                // the attributes a sampler may look at come first
                .setAttribute(GenAi.OPERATION_NAME, GenAi.CHAT)
                .setAttribute(GenAi.PROVIDER_NAME, target.providerName())
                .setAttribute(GenAi.REQUEST_MODEL, p.model())
                .setAttribute(GenAi.SERVER_ADDRESS, target.serverAddress())
                .setAttribute(GenAi.SERVER_PORT, (long) target.serverPort())
                .setAttribute(GenAi.ENDPOINT_PROVIDER, target.endpointProvider())
                .setAttribute(GenAi.CALL_INDEX, (long) callIndex);
        if (p.stream()) {
            builder.setAttribute(GenAi.REQUEST_STREAM, true);
        }
        if (p.maxTokens() != null) {
            builder.setAttribute(GenAi.REQUEST_MAX_TOKENS, (long) p.maxTokens());
        }
        if (p.temperature() != null) {
            builder.setAttribute(GenAi.REQUEST_TEMPERATURE, p.temperature());
        }
        if (p.topP() != null) {
            builder.setAttribute(GenAi.REQUEST_TOP_P, p.topP());
        }
        if (p.seed() != null) {
            builder.setAttribute(GenAi.REQUEST_SEED, p.seed());
        }
        if (p.stop() != null && !p.stop().isEmpty()) {
            builder.setAttribute(GenAi.REQUEST_STOP_SEQUENCES, p.stop());
        }
        if (p.reasoningEffort() != null) {
            builder.setAttribute(GenAi.REASONING_EFFORT, p.reasoningEffort());
        }
        String format = p.responseFormat() == null ? null : p.responseFormat().path("type").asText("");
        if (format != null && format.startsWith("json")) {
            builder.setAttribute(GenAi.OUTPUT_TYPE, "json");
        }
        if (target.captureContent()) {
            ContentCapture.Captured input = ContentCapture.input(p.messages(), target.captureContentMaxChars());
            builder.setAttribute(GenAi.INPUT_MESSAGES, input.json());
            if (input.truncated()) {
                builder.setAttribute(GenAi.CONTENT_TRUNCATED, true);
            }
        }
        this.span = builder.startSpan();
        this.context = parent.with(span);
        this.metricAttributes = Attributes.of(GenAi.OPERATION_NAME, GenAi.CHAT, GenAi.PROVIDER_NAME,
                target.providerName(), GenAi.REQUEST_MODEL, p.model(), GenAi.SERVER_ADDRESS, target.serverAddress(),
                GenAi.SERVER_PORT, (long) target.serverPort());
    }

    /** Starts the span of a call about to take its permit; {@link #NONE} when nothing records. */
    static CallSpan start(
            InferenceTelemetry.Instruments in, CallTarget target, Context parent, ChatParameters p,
            int callIndex) {
        if (in == null || target == null) {
            return NONE;
        }
        return new CallSpan(in, target, parent, p, callIndex);
    }

    /** The span's context, or null for {@link #NONE}. */
    public Context context() {
        return context;
    }

    /** The span (invalid for {@link #NONE}). */
    public Span span() {
        return span;
    }

    /** The call waits for its rate-limit permit (the account's limit is used up for now). */
    public void waitingForPermit() {
        if (in == null) {
            return;
        }
        waitStartNanos = System.nanoTime();
        span.addEvent(GenAi.EVENT_RATE_LIMIT_WAIT, target.rateLimitAccount() == null
                ? Attributes.empty()
                : Attributes.of(GenAi.RATE_LIMIT_ACCOUNT, target.rateLimitAccount()));
    }

    /** The permit came after a wait. */
    public void permitGranted() {
        long waited = waitStartNanos;
        if (in == null || waited == 0) {
            return;
        }
        span.addEvent(GenAi.EVENT_RATE_LIMIT_GRANTED,
                Attributes.of(GenAi.RATE_LIMIT_WAIT_MS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waited)));
    }

    /**
     * Sends the request with this span current, so the request carries its {@code traceparent} (and nothing else's); a
     * send that throws ends the span with its error.
     */
    public <T> T sending(Supplier<T> send) {
        if (in == null) {
            // why root: a pool thread's current context may be a span another exchange left behind (a scope closed
            // on another thread); without a span of ours, no trace context at all goes to the provider
            try (Scope ignored = Context.root().makeCurrent()) {
                return send.get();
            }
        }
        sentNanos = System.nanoTime();
        try (Scope ignored = context.makeCurrent()) {
            return send.get();
        } catch (RuntimeException notSent) {
            failed(notSent);
            throw notSent;
        }
    }

    /** Ends the span when a non-streamed call ends; the call itself is left as it is (its cancellation included). */
    public void endWhenDone(CompletableFuture<ChatResult> call) {
        if (in == null) {
            return;
        }
        call.whenComplete((result, failure) -> {
            if (failure != null) {
                failed(Failures.unwrap(failure));
            } else {
                answered(result.response(), result.info());
            }
        });
    }

    /** A stream's listener that ends the span when the stream ends, with an event at its first chunk. */
    public StreamListener listening(StreamListener listener) {
        if (in == null) {
            return listener;
        }
        return new StreamListener() {
            @Override
            public void onStarted(CallInfo info, String responseId, String responseModel) {
                firstChunk();
                listener.onStarted(info, responseId, responseModel);
            }

            @Override
            public void onToken(String text) {
                firstChunk();
                listener.onToken(text);
            }

            @Override
            public void onReasoning(String text) {
                firstChunk();
                listener.onReasoning(text);
            }

            @Override
            public void onToolCall(ToolCallDelta delta) {
                firstChunk();
                listener.onToolCall(delta);
            }

            @Override
            public void onComplete(ChatResponse response, CallInfo info) {
                answered(response, info);
                listener.onComplete(response, info);
            }

            @Override
            public void onError(InferenceException error) {
                failed(error);
                listener.onError(error);
            }
        };
    }

    private void firstChunk() {
        if (!firstChunk.compareAndSet(false, true)) {
            return;
        }
        long sent = sentNanos == 0 ? startNanos : sentNanos;
        double seconds = (System.nanoTime() - sent) / 1e9;
        timeToFirstChunk = seconds;
        span.addEvent(GenAi.EVENT_FIRST_CHUNK, Attributes.of(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, seconds));
    }

    /** The call answered: the response's attributes, the usage, the metrics; the span ends. */
    void answered(ChatResponse response, CallInfo info) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            AttributesBuilder metric = metricAttributes.toBuilder();
            if (response.id() != null && !response.id().isEmpty()) {
                span.setAttribute(GenAi.RESPONSE_ID, response.id());
            }
            if (response.model() != null) {
                span.setAttribute(GenAi.RESPONSE_MODEL, response.model());
                metric.put(GenAi.RESPONSE_MODEL, response.model());
            }
            List<String> reasons = new ArrayList<>();
            for (ChatResponse.Choice choice : response.choices()) {
                if (choice.finishReason() != null) {
                    reasons.add(choice.finishReason());
                }
            }
            if (!reasons.isEmpty()) {
                span.setAttribute(GenAi.RESPONSE_FINISH_REASONS, reasons);
            }
            if (info != null && info.backend() != null && !info.backend().equals(info.provider())) {
                span.setAttribute(GenAi.BACKEND, info.backend());
            }
            if (timeToFirstChunk >= 0) {
                span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, timeToFirstChunk);
            }
            if (target.captureContent()) {
                ContentCapture.Captured output = ContentCapture.output(response, target.captureContentMaxChars());
                span.setAttribute(GenAi.OUTPUT_MESSAGES, output.json());
                if (output.truncated()) {
                    span.setAttribute(GenAi.CONTENT_TRUNCATED, true);
                }
            }
            Attributes attributes = metric.build();
            Usage usage = response.usage();
            if (usage != null) {
                usage(usage, attributes, in.genAiMetrics());
            }
            record(attributes);
        } finally {
            span.end();
        }
    }

    private void usage(Usage usage, Attributes attributes, boolean metrics) {
        if (usage.promptTokens() != null) {
            span.setAttribute(GenAi.USAGE_INPUT_TOKENS, (long) usage.promptTokens());
            if (metrics) {
                in.tokenUsage.record(usage.promptTokens(),
                        attributes.toBuilder().put(GenAi.TOKEN_TYPE, "input").build());
            }
        }
        if (usage.completionTokens() != null) {
            span.setAttribute(GenAi.USAGE_OUTPUT_TOKENS, (long) usage.completionTokens());
            if (metrics) {
                in.tokenUsage.record(usage.completionTokens(),
                        attributes.toBuilder().put(GenAi.TOKEN_TYPE, "output").build());
            }
        }
        if (usage.cachedTokens() != null) {
            span.setAttribute(GenAi.USAGE_CACHE_READ_INPUT_TOKENS, (long) usage.cachedTokens());
        }
        if (usage.reasoningTokens() != null) {
            span.setAttribute(GenAi.USAGE_REASONING_OUTPUT_TOKENS, (long) usage.reasoningTokens());
        }
    }

    /**
     * The call failed, or was never sent: {@code error.type}, an event when the account's rate limit or the budget
     * refused it, the metrics; the span ends. Only the error's type is recorded, never its message.
     */
    public void failed(Throwable error) {
        if (in == null || !ended.compareAndSet(false, true)) {
            return;
        }
        try {
            String type = GenAi.errorType(error);
            if (error instanceof AccountRateLimitedException) {
                span.addEvent(GenAi.EVENT_RATE_LIMIT_REFUSED, target.rateLimitAccount() == null
                        ? Attributes.empty()
                        : Attributes.of(GenAi.RATE_LIMIT_ACCOUNT, target.rateLimitAccount()));
                in.rateLimitRefusals.add(1, metricAttributes);
            } else if (error instanceof InferenceException e && e.getKind() == ErrorKind.BUDGET_EXCEEDED) {
                span.addEvent(GenAi.EVENT_BUDGET_REFUSED);
                in.budgetRefusals.add(1, metricAttributes);
            }
            span.setAttribute(GenAi.ERROR_TYPE, type);
            span.setStatus(StatusCode.ERROR, type);
            if (timeToFirstChunk >= 0) {
                span.setAttribute(GenAi.RESPONSE_TIME_TO_FIRST_CHUNK, timeToFirstChunk);
            }
            record(metricAttributes.toBuilder().put(GenAi.ERROR_TYPE, type).build());
        } finally {
            span.end();
        }
    }

    private void record(Attributes attributes) {
        if (!in.genAiMetrics()) {
            return;
        }
        long from = sentNanos == 0 ? startNanos : sentNanos;
        in.duration.record((System.nanoTime() - from) / 1e9, attributes);
        if (stream && timeToFirstChunk >= 0) {
            in.timeToFirstChunk.record(timeToFirstChunk, attributes);
        }
    }

    @Override
    public String toString() {
        return in == null
                ? "CallSpan[none]" : "CallSpan[" + span.getSpanContext().getSpanId() + ", "
                                     + String.valueOf(target.providerName()).toLowerCase(Locale.ROOT) + "]";
    }
}
