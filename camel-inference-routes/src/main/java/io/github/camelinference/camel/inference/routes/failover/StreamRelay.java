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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.budget.CutStreamCharge;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.ReasoningDelta;
import io.github.camelinference.camel.inference.stream.StreamContinuation;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import org.apache.camel.Message;

/**
 * The caller's side of a streamed answer that went through a failover step: one {@link ChatStream} fed by the target
 * that answered, and, when that stream breaks mid-way, by the next target continuing the same answer. The caller sees
 * one answer with nothing lost or repeated; the breaker of each target hears how its stream ended.
 * <p>
 * Tool-call fragments (tools the caller passed through and runs itself) are output like text: they count toward the
 * hold-back and are relayed as they come. A call cut in the middle cannot be continued as text, so once a fragment has
 * reached the caller a break ends the stream with the error; before that, a failure is a plain one and fails over. Each
 * continuation is announced in the stream ({@link StreamContinuation}), so a relay can say who goes on.
 * <p>
 * Tokens arrive on HTTP I/O threads: this class only queues them, and hands anything else to the step's workers.
 */
final class StreamRelay {

    private final InferenceFailover step;
    private final FailoverCall call;
    private final ChatStream outer;
    private final StringBuilder delivered = new StringBuilder();
    /**
     * Items held back before the commit, in arrival order: text (String), reasoning ({@link ReasoningDelta}) and
     * tool-call fragments ({@link ToolCallDelta}).
     */
    private final List<Object> held = new ArrayList<>();
    private final List<String> continuedOn = new ArrayList<>();
    /** Each target's share of an answer continued after a break. */
    private final ContinuedUsage usage = new ContinuedUsage();
    private Attempt current;
    private boolean committed;
    private boolean ended;
    /** Whether a tool-call fragment has reached the caller: from then on a break cannot be continued. */
    private boolean toolCallsDelivered;
    private ScheduledFuture<?> holdTimer;
    /** After an instruction-mode continuation: text the model may repeat before it continues; dropped if it does. */
    private String repeatable;
    private final StringBuilder probe = new StringBuilder();

    StreamRelay(InferenceFailover step, FailoverCall call) {
        this.step = step;
        this.call = call;
        this.outer = new ChatStream(this::abandon);
    }

    /** The first stream of the call. Commits at once, unless the step holds back the first tokens. */
    void attach(Attempt attempt) {
        boolean commitNow = step.getOptions().getHoldBackTokens() == 0 && step.getOptions().getHoldBackMillis() == 0;
        synchronized (this) {
            current = attempt;
            if (commitNow) {
                committed = true;
            } else if (step.getOptions().getHoldBackMillis() > 0) {
                holdTimer = step.schedule(() -> commitIfHolding(attempt), step.getOptions().getHoldBackMillis());
            }
        }
        if (commitNow) {
            call.complete(attempt, outer);
        }
        forward((ChatStream) attempt.copy.getMessage().getBody(), attempt);
    }

    /** The attempt's stream feeds the caller's, read no faster than the caller reads. */
    private void forward(ChatStream stream, Attempt attempt) {
        outer.onTaken(stream::resumeReading);
        stream.forwardTo(new Sink(attempt));
    }

    /** A continuation started answering: its tokens follow the ones already delivered. */
    void switchTo(Attempt attempt) {
        synchronized (this) {
            if (ended) {
                attempt.drop();
                return;
            }
            current = attempt;
            continuedOn.add(attempt.target.name());
            // before the continuation's first item: a relay tells its caller who answers from here on
            Message started = attempt.copy.getMessage();
            outer.pushContinuation(new StreamContinuation(
                    attempt.target.name(),
                    started.getHeader(InferenceConstants.PROVIDER, String.class),
                    started.getHeader(InferenceConstants.RESPONSE_MODEL, String.class)));
            repeatable = "instruction".equals(attempt.copy.getProperty(InferenceConstants.CONTINUE_MODE_PROPERTY))
                    ? delivered.toString() : null;
            probe.setLength(0);
        }
        Message answer = attempt.copy.getMessage();
        if (answer.getBody() instanceof ChatStream stream) {
            forward(stream, attempt);
            return;
        }
        // a target that does not stream answered the continuation whole
        ChatResponse response = answer.getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
        String text = answer.getBody(String.class);
        if (text != null && !text.isEmpty()) {
            onOutput(attempt, text);
        }
        onEnd(attempt, response, () -> {
        });
    }

    synchronized String deliveredText() {
        return delivered.toString();
    }

    /**
     * Whether a break can be continued on another target: not once a tool call has begun reaching the caller (a
     * continuation extends text; it cannot finish a call's arguments).
     */
    synchronized boolean continuable() {
        return !toolCallsDelivered;
    }

    /** No target could continue: the caller's stream ends with the error, never as a complete answer. */
    void fail(InferenceException error) {
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
        }
        outer.fail(error);
    }

    private void commitIfHolding(Attempt attempt) {
        boolean commit;
        synchronized (this) {
            commit = !committed && !ended && current == attempt;
            if (commit) {
                flushHeld();
            }
        }
        if (commit) {
            call.complete(attempt, outer);
        }
    }

    /** Under the monitor: the held tokens go out, and the stream is committed to the current target. */
    private void flushHeld() {
        committed = true;
        for (Object item : held) {
            if (item instanceof ReasoningDelta reasoning) {
                outer.pushReasoning(reasoning.text());
            } else if (item instanceof ToolCallDelta fragment) {
                deliverToolCall(fragment);
            } else {
                deliver((String) item);
            }
        }
        held.clear();
        if (holdTimer != null) {
            holdTimer.cancel(false);
        }
    }

    /** Under the monitor: the output held back, text tokens and tool-call fragments (reasoning does not count). */
    private long heldTokens() {
        return held.stream().filter(item -> item instanceof String || item instanceof ToolCallDelta).count();
    }

    private void deliver(String token) {
        delivered.append(token);
        outer.push(token);
    }

    /** Under the monitor: a tool-call fragment goes out; the stream can no longer be continued. */
    private void deliverToolCall(ToolCallDelta fragment) {
        toolCallsDelivered = true;
        outer.pushToolCall(fragment);
    }

    /** Output, a text token or a tool-call fragment: held back before the commit, relayed after it. */
    private void onOutput(Attempt attempt, Object item) {
        boolean commitNow = false;
        synchronized (this) {
            if (attempt != current || ended) {
                return;
            }
            if (!committed) {
                held.add(item);
                if (step.getOptions().getHoldBackTokens() > 0 && heldTokens() >= step.getOptions().getHoldBackTokens()) {
                    flushHeld();
                    commitNow = true;
                }
            } else if (item instanceof ToolCallDelta fragment) {
                if (repeatable != null) {
                    endRepeatCheck(); // a tool call is no repeat of the text: what was probed goes out first
                }
                deliverToolCall(fragment);
            } else if (repeatable != null) {
                skipRepeat((String) item);
            } else {
                deliver((String) item);
            }
        }
        if (commitNow) {
            step.execute(() -> call.complete(attempt, outer)); // never on the I/O thread
        }
    }

    /**
     * Reasoning goes to the caller as it came (with streamReasoning=true); it is never part of the answer's text, so a
     * continuation neither repeats it nor counts it toward the hold-back.
     */
    private void onReasoning(Attempt attempt, ReasoningDelta delta) {
        synchronized (this) {
            if (attempt != current || ended) {
                return;
            }
            if (committed) {
                outer.pushReasoning(delta.text());
            } else {
                held.add(delta);
            }
        }
    }

    /** Under the monitor: drops the delivered text if the continuing model starts by repeating it. */
    private void skipRepeat(String token) {
        probe.append(token);
        if (repeatable.startsWith(probe.toString())) {
            if (probe.length() == repeatable.length()) {
                repeatable = null; // the whole text was repeated: drop it, deliver what follows
                probe.setLength(0);
            }
            return;
        }
        String text = probe.toString();
        String rest = text.startsWith(repeatable) ? text.substring(repeatable.length()) : text;
        repeatable = null;
        probe.setLength(0);
        if (!rest.isEmpty()) {
            deliver(rest);
        }
    }

    /** Under the monitor: what was probed for a repeat goes out (a short continuation that only looked like one). */
    private void endRepeatCheck() {
        if (probe.length() > 0) {
            deliver(probe.toString());
        }
        repeatable = null;
        probe.setLength(0);
    }

    private void onEnd(Attempt attempt, ChatResponse response, Runnable endActions) {
        boolean commitNow;
        boolean continued;
        String full;
        ChatResponse answer;
        synchronized (this) {
            if (attempt != current || ended) {
                return;
            }
            ended = true;
            if (repeatable != null) {
                endRepeatCheck();
            }
            commitNow = !committed;
            if (commitNow) {
                flushHeld();
            }
            continued = !continuedOn.isEmpty();
            full = delivered.toString();
            // the caller's answer is every target's text, and used every target's tokens
            answer = continued
                    ? usage.finished(attempt.target, response == null ? null : response.withText(full))
                    : response;
        }
        attempt.recordSuccess();
        FailoverTelemetry.end(attempt, FailoverTelemetry.Outcome.ANSWERED, null);
        Message message = commitNow ? null : call.callerMessage();
        String continuedNames = String.join(",", continuedOn);
        outer.onEnd(r -> {
            if (continued) {
                usage.settleCuts(); // before the producer's end actions read how much of the budget is used
            }
            endActions.run(); // the producer's usage headers and budget record, on the reading thread
            Message target = message != null ? message : call.callerMessage();
            attempt.copy.getMessage().getHeaders().forEach((name, value) -> {
                if (name.startsWith("CamelInference")) {
                    target.setHeader(name, value);
                }
            });
            if (continued) {
                target.setHeader(FailoverConstants.CONTINUED_ON, continuedNames);
                target.setHeader(FailoverConstants.TARGET, attempt.target.name());
                usage.setHeaders(target);
                if (r != null) {
                    target.setHeader(InferenceConstants.RESPONSE, r);
                }
            }
        });
        outer.complete(answer);
        if (commitNow) {
            step.execute(() -> call.complete(attempt, outer));
        }
    }

    private void onError(Attempt attempt, InferenceException error) {
        boolean beforeCommit;
        synchronized (this) {
            if (attempt != current || ended) {
                return;
            }
            current = null;
            beforeCommit = !committed;
            if (!beforeCommit) {
                // what the producer left of a stream cut after it began: this target's share, if the answer goes on
                usage.cut(attempt.target, attempt.copy.getProperty(InferenceConstants.CUT_STREAM_PROPERTY,
                        CutStreamCharge.class));
            }
            held.clear();
            if (holdTimer != null) {
                holdTimer.cancel(false);
            }
        }
        if (beforeCommit) {
            // nothing reached the caller yet: start again cleanly, as if this target had failed before answering
            step.execute(() -> call.uncommittedStreamFailed(attempt, error));
        } else {
            step.execute(() -> call.streamBroke(attempt, error));
        }
    }

    /** The caller cancelled the call: the current attempt is dropped, its breaker untouched; the reader hears why. */
    void cancel(InferenceException error) {
        Attempt running;
        boolean wasEnded;
        synchronized (this) {
            running = current;
            current = null;
            wasEnded = ended;
            ended = true;
            held.clear();
            if (holdTimer != null) {
                holdTimer.cancel(false);
            }
        }
        if (running != null && !wasEnded) {
            running.drop();
            running.releaseBreaker();
        }
        if (!wasEnded) {
            outer.fail(error);
        }
    }

    /** The caller closed the stream before its end. */
    private void abandon() {
        Attempt running;
        synchronized (this) {
            running = current;
            current = null;
            ended = true;
        }
        if (running != null) {
            running.drop();
            running.releaseBreaker();
        }
        call.abandon();
    }

    /** Receives one attempt's stream; items from an attempt that is no longer current are ignored. */
    private final class Sink implements ChatStream.Sink {
        private final Attempt attempt;

        Sink(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void token(String text) {
            onOutput(attempt, text);
        }

        @Override
        public void reasoning(ReasoningDelta delta) {
            onReasoning(attempt, delta);
        }

        @Override
        public void toolCall(ToolCallDelta delta) {
            onOutput(attempt, delta);
        }

        @Override
        public void end(ChatResponse response, Runnable endActions) {
            onEnd(attempt, response, endActions);
        }

        /** What the caller has not read yet: the provider is read no faster than that drains. */
        @Override
        public long unread() {
            return outer.unread();
        }

        @Override
        public void error(InferenceException error) {
            onError(attempt, error);
        }
    }
}
