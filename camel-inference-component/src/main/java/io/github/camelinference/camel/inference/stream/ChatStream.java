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
package io.github.camelinference.camel.inference.stream;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * The body of a streamed call: the answer's text deltas (Strings), as they arrive, for
 * {@code split(body()).streaming()}; with {@code streamReasoning=true} the reasoning deltas too, as
 * {@link ReasoningDelta} items in arrival order.
 * <p>
 * Tool-call fragments ({@link ToolCallDelta}) and a failover step's {@link StreamContinuation}s go only to a sink
 * ({@link #forwardTo}); a route iterating the stream skips them and finds the assembled tool calls on
 * {@link #response()} at the end.
 * <p>
 * The HTTP side pushes ({@link #push}, {@link #complete}, {@link #fail}) without blocking; the route pulls. A stream
 * that breaks or stalls ends by throwing the typed {@link InferenceException} from {@link #hasNext()}, so a broken
 * answer never looks like a short one. Stalls are bounded by the endpoint's idle timeout, so {@code hasNext()} never
 * waits forever. Closing it (the splitter does) cancels the HTTP exchange if it is still running.
 * <p>
 * What is queued and not yet read is counted ({@link #unread()}), so the HTTP side can read from the socket no faster
 * than the route reads the stream; it hears through {@link #onTaken} when the route has taken an item.
 */
public final class ChatStream implements Iterator<Object>, Closeable {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final Runnable cancel;
    private Consumer<ChatResponse> onEnd = response -> {
    };
    /** Set once by {@link #forwardTo}: from then on items go to it instead of the queue. */
    private volatile Sink sink;
    private volatile ChatResponse response;
    private Object next;
    private volatile boolean ended;
    /** The characters of the items queued and not yet taken, each item counting at least one. */
    private final AtomicLong unread = new AtomicLong();
    private volatile Runnable onTaken = () -> {
    };

    /** @param cancel aborts the underlying HTTP exchange */
    public ChatStream(Runnable cancel) {
        this.cancel = cancel;
    }

    /** Runs on the consuming thread once the stream has ended well (the producer sets the usage headers there). */
    public void onEnd(Consumer<ChatResponse> action) {
        this.onEnd = action;
    }

    /**
     * The characters queued for the reader and not yet taken (text, reasoning and tool-call fragments, each item
     * counting at least one); once the stream is forwarded, what the sink says it holds unread.
     */
    public long unread() {
        Sink target = sink;
        return target != null ? target.unread() : unread.get();
    }

    /** For whoever a sink hands the items on to: it has taken some, so the HTTP side may read on. */
    public void resumeReading() {
        onTaken.run();
    }

    /**
     * Runs each time the reader has taken an item (on the reader's thread, so it must be quick): how the HTTP side
     * learns it may read on. Replaces the action set before (each tool round's call sets its own).
     */
    public void onTaken(Runnable action) {
        this.onTaken = action;
    }

    /** Called by the HTTP side: a text delta arrived. */
    public void push(String token) {
        offer(token);
    }

    /** Called by the HTTP side: a reasoning delta arrived (only when the route asked for them). */
    public void pushReasoning(String reasoning) {
        offer(new ReasoningDelta(reasoning));
    }

    /** Called by the HTTP side: a tool-call fragment arrived (relayed to a sink; an iterating reader skips it). */
    public void pushToolCall(ToolCallDelta delta) {
        offer(delta);
    }

    /** Called by a failover step: another target continues the stream from here (relayed to a sink only). */
    public void pushContinuation(StreamContinuation continuation) {
        offer(continuation);
    }

    /** Called by the HTTP side: the stream ended well. */
    public void complete(ChatResponse finalResponse) {
        this.response = finalResponse;
        offer(END);
    }

    /** Called by the HTTP side: the stream broke, stalled or carried an error (or a tool round between two failed). */
    public void fail(InferenceException error) {
        offer(error);
    }

    /**
     * Hands every item, those already queued and those still to come, to the sink as it arrives, instead of keeping
     * them for {@link #hasNext()}: how a failover step relays a stream without a thread waiting on it. The sink is
     * called on the thread that delivers the item (an HTTP I/O thread): it must not block.
     */
    public synchronized void forwardTo(Sink sink) {
        if (this.sink != null) {
            throw new IllegalStateException("this stream is already forwarded");
        }
        Object item;
        while ((item = items.poll()) != null) {
            unread.addAndGet(-weight(item));
            deliver(sink, item);
        }
        this.sink = sink;
        onTaken.run();
    }

    private synchronized void offer(Object item) {
        if (sink != null) {
            deliver(sink, item);
        } else {
            unread.addAndGet(weight(item));
            items.add(item);
        }
    }

    /** What an item counts toward {@link #unread()}: its characters, at least one. */
    private static long weight(Object item) {
        long chars = 0;
        if (item instanceof String text) {
            chars = text.length();
        } else if (item instanceof ReasoningDelta reasoning) {
            chars = reasoning.text().length();
        } else if (item instanceof ToolCallDelta call && call.arguments() != null) {
            chars = call.arguments().length();
        }
        return Math.max(1, chars);
    }

    private void deliver(Sink target, Object item) {
        if (item == END) {
            ended = true;
            target.end(response, () -> onEnd.accept(response));
        } else if (item instanceof InferenceException error) {
            ended = true;
            target.error(error);
        } else if (item instanceof ReasoningDelta reasoning) {
            target.reasoning(reasoning);
        } else if (item instanceof ToolCallDelta call) {
            target.toolCall(call);
        } else if (item instanceof StreamContinuation continuation) {
            target.continued(continuation);
        } else {
            target.token((String) item);
        }
    }

    /** Where a forwarded stream's items go, in order: tokens, then one end or one error. */
    public interface Sink {

        void token(String text);

        /** A reasoning delta (only with {@code streamReasoning=true}); dropped unless the sink relays it. */
        default void reasoning(ReasoningDelta delta) {
        }

        /**
         * A tool-call fragment of an answer whose tools the caller runs (tools passed through in the request, not the
         * endpoint's own); dropped unless the sink relays it.
         */
        default void toolCall(ToolCallDelta delta) {
        }

        /**
         * What this sink holds that its own reader has not taken yet, in characters: while it is above the call's
         * high-water mark the call reads nothing more from the provider, until {@link ChatStream#resumeReading()}. 0
         * (the default): the sink paces nothing.
         */
        default long unread() {
            return 0;
        }

        /** A failover step continued the stream on another target: the items that follow come from it. */
        default void continued(StreamContinuation continuation) {
        }

        /**
         * The stream ended well.
         *
         * @param endActions what the stream would have run when read to its end (the producer's usage headers and
         *                   budget record): the sink runs it on a thread where blocking is allowed
         */
        void end(ChatResponse response, Runnable endActions);

        void error(InferenceException error);
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        Object item;
        do {
            try {
                item = items.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.run();
                throw new IllegalStateException("interrupted while waiting for the next token", e);
            }
            unread.addAndGet(-weight(item));
            onTaken.run();
        } while (item instanceof ToolCallDelta || item instanceof StreamContinuation); // for sinks only
        if (item == END) {
            ended = true;
            onEnd.accept(response);
            return false;
        }
        if (item instanceof InferenceException error) {
            ended = true;
            throw error;
        }
        next = item;
        return true;
    }

    /** The next item: a String text delta, or a {@link ReasoningDelta} when reasoning deltas were asked for. */
    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the stream has ended");
        }
        Object item = next;
        next = null;
        return item;
    }

    /** The final response (text, finish reason, usage) once the stream has ended well; null before. */
    public ChatResponse response() {
        return response;
    }

    @Override
    public void close() {
        if (!ended) {
            cancel.run();
        }
    }

    /** Aborts the underlying call whether or not the stream has ended (a failover step dropping this answer). */
    public void abort() {
        cancel.run();
    }
}
