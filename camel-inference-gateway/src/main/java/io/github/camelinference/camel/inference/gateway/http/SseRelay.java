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
package io.github.camelinference.camel.inference.gateway.http;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.gateway.openai.Chunks;
import io.github.camelinference.camel.inference.gateway.openai.GatewayException;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiErrors;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.camel.inference.stream.StreamContinuation;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.AsyncCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's relay to one HTTP response, with no thread waiting on either side.
 * <p>
 * Threads: the {@link ChatStream} calls this sink on the HTTP client's I/O thread, which only formats the event and
 * queues it. Everything that touches the Vert.x response runs on the connection's event loop (its {@link Context}):
 * writes, {@code end()}, and the close and drain handlers. The producer's end actions (the tenant's spend, which may
 * call Redis) and the exchange's completion run on the workers, never on an I/O thread.
 * <p>
 * Writes: each turn of the event loop writes everything queued since the last as one buffer (one flush, one socket
 * write), and the last events go out with the response's end; the head goes out with the first events.
 * <p>
 * Back-pressure: while Vert.x's write queue is full, events stay in this relay's queue and the drain handler resumes
 * writing. The provider is not paused (its answer is bounded and slowing it holds its connection longer); a client that
 * stops reading for more than {@link #MAX_PENDING_BYTES} loses its connection and the provider call is aborted.
 */
final class SseRelay implements ChatStream.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(SseRelay.class);
    /** Events held for a client that does not read; past this the stream is dropped. */
    static final long MAX_PENDING_BYTES = 1024 * 1024;
    /** Queued after the last event: end the response, then complete the exchange. */
    private static final byte[] END = new byte[0];
    /** At most this many bytes of queued events go out in one write (a burst is split, back-pressure still counts). */
    static final int MAX_WRITE_BYTES = 16 * 1024;

    private final ChatStream stream;
    private final HttpServerResponse response;
    private final Context eventLoop;
    private final Executor workers;
    private final AsyncCallback callback;
    private final Chunks chunks;
    private final boolean includeUsage;
    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    /** True until the head is sent: what arrives before goes out with it, in the same task on the event loop. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean(true);
    private final AtomicBoolean finished = new AtomicBoolean();
    private final String requestId;

    SseRelay(ChatStream stream, HttpServerResponse response, Context eventLoop, Executor workers,
             AsyncCallback callback, Chunks chunks, boolean includeUsage, String requestId) {
        this.stream = stream;
        this.response = response;
        this.eventLoop = eventLoop;
        this.workers = workers;
        this.callback = callback;
        this.chunks = chunks;
        this.includeUsage = includeUsage;
        this.requestId = requestId;
    }

    /**
     * Lets the stream push, then sends the head on the event loop with whatever arrived meanwhile (at one stream, the
     * first delta: one task and one write instead of two).
     */
    void start(String provider) {
        stream.forwardTo(this);
        eventLoop.runOnContext(v -> {
            drainScheduled.set(false);
            // why ended: a stop may have answered 503 while the provider's first event was on its way
            if (response.closed() || response.ended()) {
                clientGone();
                return;
            }
            response.setStatusCode(200);
            response.setChunked(true);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("Cache-Control", "no-cache");
            response.putHeader(GatewayExchange.REQUEST_ID_HEADER, requestId);
            response.putHeader(GatewayExchange.PROVIDER_HEADER, provider);
            // why: a client that hangs up must not leave the provider call running
            response.closeHandler(closed -> clientGone());
            response.drainHandler(drained -> drain());
            drain();
        });
    }

    @Override
    public void token(String text) {
        enqueue(chunks.delta(text));
    }

    @Override
    public void toolCall(ToolCallDelta fragment) {
        enqueue(chunks.toolCall(fragment));
    }

    /** The failover step continued the stream on another provider: the next chunks name it. */
    @Override
    public void continued(StreamContinuation continuation) {
        chunks.continuedOn(continuation.provider(), continuation.model());
    }

    @Override
    public void end(ChatResponse answer, Runnable endActions) {
        // why a worker: the end actions record the tenant's spend, which may be a blocking call (Redis); this
        // method runs on the HTTP client's I/O thread, which must never block
        workers.execute(() -> {
            try {
                endActions.run();
            } catch (RuntimeException e) {
                // why: the answer is whole and delivered; a spend store failing must not turn it into an error
                LOG.warn("request {}: recording the stream's spend failed: {}", requestId, e.toString());
            }
            enqueue(chunks.finish(answer == null ? null : answer.finishReason()));
            if (includeUsage && answer != null && answer.usage().promptTokens() != null) {
                enqueue(chunks.usage(answer.usage()));
            }
            enqueue(Chunks.DONE);
            enqueue(END);
        });
    }

    @Override
    public void error(InferenceException error) {
        enqueue(chunks.error(OpenAiErrors.toGateway(error)));
        enqueue(END);
    }

    /**
     * The gateway stops and this stream outlived its shutdown timeout: the provider call is aborted and the caller
     * hears why, without {@code [DONE]}.
     */
    void stopping() {
        if (!finished.get()) {
            stream.abort();
            enqueue(chunks.error(GatewayException.shuttingDown()));
            enqueue(END);
        }
    }

    private void enqueue(byte[] event) {
        if (finished.get()) {
            return;
        }
        pending.add(event);
        if (pendingBytes.addAndGet(event.length) > MAX_PENDING_BYTES) {
            eventLoop.runOnContext(v -> slowClient());
            return;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            eventLoop.runOnContext(v -> {
                drainScheduled.set(false);
                drain();
            });
        }
    }

    /**
     * On the event loop: writes what is queued while Vert.x accepts more, all that arrived together in one write (the
     * last events with the response's end); the drain handler calls it again.
     */
    private void drain() {
        while (!finished.get() && !response.writeQueueFull()) {
            byte[] first = null;
            Buffer batch = null;
            boolean last = false;
            byte[] event;
            while ((event = pending.poll()) != null) {
                pendingBytes.addAndGet(-event.length);
                if (event == END) {
                    last = true;
                    break;
                }
                if (first == null) {
                    first = event;
                } else {
                    if (batch == null) {
                        batch = Buffer.buffer(Math.max(first.length + event.length, 512)).appendBytes(first);
                    }
                    batch.appendBytes(event);
                }
                if ((batch == null ? first.length : batch.length()) >= MAX_WRITE_BYTES) {
                    break;
                }
            }
            if (first == null && !last) {
                return;
            }
            if (first != null && response.closed()) {
                clientGone();
                return;
            }
            Buffer out = batch != null ? batch : first != null ? Buffer.buffer(first) : null;
            if (last) {
                if (!response.ended() && !response.closed()) {
                    if (out == null) {
                        response.end();
                    } else {
                        response.end(out);
                    }
                }
                finish();
                return;
            }
            response.write(out);
        }
    }

    /** On the event loop: the client went away; the provider call is aborted and nothing more is written. */
    private void clientGone() {
        if (!finished.get()) {
            stream.abort();
            pending.clear();
            finish();
        }
    }

    /** On the event loop: the client has not read for too long; drop its connection and the provider call. */
    private void slowClient() {
        if (!finished.get()) {
            LOG.warn("request {}: the client read nothing while {} bytes waited; its stream is dropped", requestId,
                    pendingBytes.get());
            stream.abort();
            pending.clear();
            response.reset();
            finish();
        }
    }

    /** Completes the exchange once, on the workers (the rest of the route's completion is Camel's code). */
    private void finish() {
        if (finished.compareAndSet(false, true)) {
            workers.execute(() -> callback.done(false));
        }
    }
}
