package io.github.camelinference.camel.inference.stream;

import java.io.Closeable;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * The body of a streamed call: the answer's text deltas (Strings), as they arrive, for
 * {@code split(body()).streaming()}; with {@code streamReasoning=true} the reasoning deltas too, as
 * {@link ReasoningDelta} items in arrival order.
 * <p>
 * The HTTP side pushes ({@link #push}, {@link #complete}, {@link #fail}) without blocking; the route pulls. A stream
 * that breaks or stalls ends by throwing the typed {@link InferenceException} from {@link #hasNext()}, so a broken
 * answer never looks like a short one. Stalls are bounded by the endpoint's idle timeout, so {@code hasNext()} never
 * waits forever. Closing it (the splitter does) cancels the HTTP exchange if it is still running.
 */
public final class ChatStream implements Iterator<Object>, Closeable {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> items = new LinkedBlockingQueue<>();
    private final Runnable cancel;
    private Consumer<ChatResponse> onEnd = response -> { };
    private volatile ChatResponse response;
    private Object next;
    private boolean ended;

    /** @param cancel aborts the underlying HTTP exchange */
    public ChatStream(Runnable cancel) {
        this.cancel = cancel;
    }

    /** Runs on the consuming thread once the stream has ended well (the producer sets the usage headers there). */
    public void onEnd(Consumer<ChatResponse> action) {
        this.onEnd = action;
    }

    /** Called by the HTTP side: a text delta arrived. */
    public void push(String token) {
        items.add(token);
    }

    /** Called by the HTTP side: a reasoning delta arrived (only when the route asked for them). */
    public void pushReasoning(String reasoning) {
        items.add(new ReasoningDelta(reasoning));
    }

    /** Called by the HTTP side: the stream ended well. */
    public void complete(ChatResponse finalResponse) {
        this.response = finalResponse;
        items.add(END);
    }

    /** Called by the HTTP side: the stream broke, stalled or carried an error. */
    public void fail(InferenceException error) {
        items.add(error);
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
        try {
            item = items.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel.run();
            throw new IllegalStateException("interrupted while waiting for the next token", e);
        }
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
}
