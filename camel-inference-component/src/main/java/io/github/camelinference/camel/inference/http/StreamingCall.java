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
package io.github.camelinference.camel.inference.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.chat.AnswerCheck;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.MessageText;
import io.github.camelinference.camel.inference.error.ErrorClassifier;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.LineSplitter;
import io.github.camelinference.camel.inference.stream.SseParser;
import io.github.camelinference.camel.inference.stream.StreamAccumulator;
import io.github.camelinference.camel.inference.stream.StreamLimitException;
import io.github.camelinference.camel.inference.stream.StreamListener;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed call: reads the SSE body line by line as it arrives, turns chunks into text deltas, and ends exactly
 * once, well or with a typed error. A first-token timeout bounds a provider that never starts; an idle timeout bounds
 * one that stops mid-way (measured between complete events, so keep-alive comments do not count); the stream timeout
 * bounds the whole. Text, reasoning and tool-call fragments go to the listener as they arrive. Lines, events, answer
 * text and non-stream bodies are bounded in size; past a limit the call fails and the connection is dropped. A stream
 * that ends without {@code [DONE]} counts as complete only if a finish reason arrived.
 * <p>
 * Flow control: the socket is read no faster than the answer is consumed. HttpClient asks for more capacity through the
 * {@link CapacityChannel} each time a window of bytes has been read; while the reader of the stream ({@link #pacedBy})
 * has more than {@link #UNREAD_HIGH_WATER} characters waiting, none is given, so HttpClient stops reading and TCP slows
 * the provider down, and {@link #resume()} gives it once the reader has caught up. A call that ends (a limit, a
 * timeout, a cancel) never gives capacity again, refuses any byte still delivered, and lets its buffers go.
 * <p>
 * Containment: every method HttpClient calls on its I/O thread catches whatever our code throws, {@code Error}s
 * included (an {@code OutOfMemoryError}, a {@code StackOverflowError} in a listener): that call fails with an
 * {@link InferenceException} naming it, its connection is dropped, and nothing reaches the I/O reactor, whose threads
 * every other call shares.
 */
public final class StreamingCall implements AsyncResponseConsumer<Void>, InFlightCalls.Call {

    private static final Logger LOG = LoggerFactory.getLogger(StreamingCall.class);

    /** Bytes HttpClient may read each time it asks for capacity. */
    static final int CAPACITY_INCREMENT = 64 * 1024;
    /** Characters the reader may leave unread before the call stops reading from the socket. */
    public static final long UNREAD_HIGH_WATER = 64 * 1024;

    private final ChatClient client;
    private final StreamListener listener;
    private final long startNanos;
    private final CallTimeouts timeouts;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean aborted;
    /** Touched on the I/O thread only (the answer is built there too); replaced to let go of its text. */
    private StreamAccumulator accumulator;
    private final SseParser sse;
    private final LineSplitter lines;
    private ByteArrayOutputStream plainBody = new ByteArrayOutputStream();
    private volatile FutureCallback<Void> resultCallback;
    /** Where HttpClient takes more capacity; set by HttpClient each time it asks. */
    private volatile CapacityChannel capacity;
    /** HttpClient has used up its capacity and was given none, because the reader is behind. */
    private final AtomicBoolean paused = new AtomicBoolean();
    private volatile LongSupplier unread = () -> 0;
    /** The connection's session, whose reads are held back while the call is paused (HTTP/1.1 only). */
    private volatile GuardedSession session;

    private volatile Future<Void> inFlight;
    private final ExchangeAbort exchangeAbort = new ExchangeAbort();
    private CloseableHttpAsyncClient http;
    private ChatParameters parameters;
    /** The credential the request carried, and whether it is the resend after a 401. */
    private volatile CallAuth.Credential credential;
    private volatile boolean resent;
    private volatile HttpResponse headers;
    private volatile boolean bodyStarted;
    private volatile int status;
    private volatile boolean sseBody;
    private volatile boolean doneMarker;
    private volatile long firstTokenNanos;
    private volatile long lastActivityNanos;
    private volatile int tokens;
    private volatile int skippedChunks;
    private volatile ScheduledFuture<?> firstTokenTimer;
    /** Whether the model has started answering: text, reasoning or tool-call fragments have arrived. */
    private volatile boolean started;
    private volatile ScheduledFuture<?> idleTimer;
    private volatile ScheduledFuture<?> streamTimer;

    StreamingCall(ChatClient client, StreamListener listener, long startNanos, CallTimeouts timeouts) {
        this.client = client;
        this.listener = listener;
        this.startNanos = startNanos;
        this.timeouts = timeouts;
        this.accumulator = new StreamAccumulator(client.wire());
        int maxLineLength = client.settings().limits().maxLineLength();
        this.sse = new SseParser(this::onEvent, maxLineLength);
        this.lines = new LineSplitter(this::onLine, maxLineLength);
    }

    void start(CloseableHttpAsyncClient http, ChatParameters parameters) {
        this.http = http;
        this.parameters = parameters;
        client.inFlight().add(this);
        long firstTokenMillis = timeouts.firstToken().toMillis();
        firstTokenTimer = client.scheduler().schedule(() -> {
            if (!started) {
                fail(client.error(ErrorKind.TIMEOUT, "no first token within the first-token timeout of "
                                                     + firstTokenMillis + " ms",
                        requestId(), null));
            }
        }, firstTokenMillis, TimeUnit.MILLISECONDS);
        long streamMillis = client.settings().limits().streamTimeout().toMillis();
        streamTimer = client.scheduler().schedule(() -> fail(client.error(ErrorKind.TIMEOUT, "the stream took"
                                                                                             + " longer than the stream timeout of "
                                                                                             + streamMillis
                                                                                             + " ms in all (streamTimeout), after "
                                                                                             + tokens
                                                                                             + " tokens",
                requestId(), null)), streamMillis, TimeUnit.MILLISECONDS);
        // the timers count from here, so a call waiting for its credential (an Entra token) is bounded by them too
        client.withCredential(client.auth().credential(), this::send, this::fail);
    }

    /** Sends the request with this credential, this call's consumer reading the answer. */
    private void send(CallAuth.Credential credential) {
        if (ended.get()) {
            return; // timed out or stopped while the credential was on its way
        }
        this.credential = credential;
        inFlight = http.execute(SimpleRequestProducer.create(client.request(parameters, credential)), this,
                exchangeAbort.context(),
                new FutureCallback<>() {
                    @Override
                    public void completed(Void result) {
                        try {
                            onBodyEnd();
                        } catch (Throwable e) {
                            contain(e);
                        }
                    }

                    @Override
                    public void failed(Exception failure) {
                        try {
                            fail(client.transportError(failure, headers != null || bodyStarted, startNanos));
                        } catch (Throwable e) {
                            contain(e);
                        }
                    }

                    @Override
                    public void cancelled() {
                        try {
                            fail(client.error(ErrorKind.CANCELLED, "the call was cancelled", requestId(), null));
                        } catch (Throwable e) {
                            contain(e);
                        }
                    }
                });
        if (ended.get()) {
            abort(); // a timeout fired before the call was handed over
        }
    }

    /** Aborts the call; the listener hears nothing more. */
    public void cancel() {
        if (ended.compareAndSet(false, true)) {
            stopTimers();
            abort();
        }
    }

    /** Ends the call from outside (the component stops): the listener hears the error. */
    @Override
    public void abort(String reason) {
        fail(client.error(ErrorKind.CONNECTION_FAILED, reason, requestId(), null));
    }

    /**
     * Reads from the socket no faster than {@code unread} drains: the characters handed on and not yet taken by whoever
     * reads the stream. Call {@link #resume()} when it has taken some.
     */
    public void pacedBy(LongSupplier unread) {
        this.unread = unread;
        resume();
    }

    /**
     * The reader has taken some of what was handed on: if the call stopped reading for it and the reader is back under
     * the high-water mark, HttpClient gets capacity again. Cheap when nothing waits; safe from any thread.
     */
    public void resume() {
        if (paused.get() && !ended.get() && unread.getAsLong() <= UNREAD_HIGH_WATER
                && paused.compareAndSet(true, false)) {
            lastActivityNanos = System.nanoTime(); // the provider was not idle: we were not reading
            openGate();
            grant(capacity);
        }
    }

    @Override
    public void updateCapacity(CapacityChannel channel) throws IOException {
        contained(() -> {
            capacity = channel;
            if (ended.get()) {
                return; // an ended call never reads again
            }
            if (unread.getAsLong() <= UNREAD_HIGH_WATER) {
                grant(channel);
                return;
            }
            paused.set(true);
            GuardedSession reading = session;
            if (reading != null) {
                reading.closeGate(); // why: HttpClient reads on a chunked body past its capacity (see GuardedSession)
            }
            resume(); // the reader may have caught up between the check and the pause
        });
    }

    private void openGate() {
        GuardedSession reading = session;
        if (reading != null) {
            reading.openGate();
        }
    }

    private void grant(CapacityChannel channel) {
        try {
            channel.update(CAPACITY_INCREMENT);
        } catch (IOException | RuntimeException e) {
            // the connection is gone; HttpClient fails the exchange on its own
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) {
        // a 1xx before the answer: nothing to do
    }

    @Override
    public void consumeResponse(
            HttpResponse response, EntityDetails entity, HttpContext context,
            FutureCallback<Void> result)
            throws HttpException, IOException {
        this.resultCallback = result;
        contained(() -> {
            status = response.getCode();
            headers = response;
            // HTTP/2 has flow control per stream, and its session carries other calls too: it is never gated
            boolean http1 = response.getVersion() == null || !response.getVersion().greaterEquals(HttpVersion.HTTP_2);
            session = http1 ? GuardedSession.handling() : null;
            client.heard(response);
            ContentType contentType = entity == null ? null : ContentType.parseLenient(entity.getContentType());
            sseBody = status < 300 && contentType != null
                    && "text/event-stream".equalsIgnoreCase(contentType.getMimeType());
        });
        if (entity == null) {
            result.completed(null);
        }
    }

    @Override
    public void consume(ByteBuffer bytes) throws IOException {
        contained(() -> data(bytes));
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        if (aborted) {
            throw new LimitExceededException("the call was aborted");
        }
        resultCallback.completed(null);
    }

    private void data(ByteBuffer bytes) throws IOException {
        bodyStarted = true;
        if (aborted) {
            // why: cancelling the future from a timer thread can race the I/O thread and leave the connection leased;
            // failing the exchange from inside the consumer always makes HttpClient discard it
            releaseBuffers();
            throw new LimitExceededException("the call was aborted");
        }
        if (ended.get()) {
            return;
        }
        String broken;
        try {
            if (sseBody) {
                lines.feed(bytes);
                return;
            }
            int limit = client.settings().limits().maxResponseBytes();
            if (plainBody.size() + bytes.remaining() <= limit) {
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                plainBody.write(chunk, 0, chunk.length);
                return;
            }
            broken = LimitExceededException.bodyTooLarge(-1, limit).getMessage();
        } catch (StreamLimitException e) {
            broken = e.getMessage() + ": the call was aborted";
        }
        // fail first (the listener hears the limit at once), then make HttpClient drop the connection
        fail(client.error(ErrorKind.MALFORMED_RESPONSE, broken, requestId(), null));
        releaseBuffers();
        throw new LimitExceededException(broken);
    }

    @Override
    public void failed(Exception cause) {
        // the exchange's own callback (start) hears it and ends the call
    }

    @Override
    public void releaseResources() {
        try {
            releaseBuffers();
        } catch (Throwable e) {
            // nothing held that matters more than the I/O thread
        }
    }

    /** Once the call has ended: lets go of the partial line, event, body and answer it holds. I/O thread only. */
    private void releaseBuffers() {
        if (ended.get()) {
            lines.release();
            sse.release();
            plainBody = new ByteArrayOutputStream(0);
            accumulator = new StreamAccumulator(client.wire());
        }
    }

    /** One piece of our work on HttpClient's I/O thread. */
    private interface IoWork {
        void run() throws IOException;
    }

    /**
     * Runs our work on the I/O thread; whatever else than our own IOException it throws ends this call (never the I/O
     * thread): the listener hears why, and HttpClient drops the connection.
     */
    private void contained(IoWork work) throws IOException {
        try {
            work.run();
        } catch (LimitExceededException e) {
            throw e;
        } catch (Throwable e) {
            contain(e);
            throw ContainedFailure.PREALLOCATED; // made once: a heap with no room left must still end the exchange
        }
    }

    /**
     * Ends the call after our own code threw on the I/O thread. What is thrown can be an OutOfMemoryError: building the
     * error may fail again, and then nothing more is tried, because the I/O thread must live on.
     */
    private void contain(Throwable failure) {
        try {
            LOG.warn("{}: a streamed call failed in the component's own code and was aborted; the HTTP client's I/O"
                     + " threads go on: {}",
                    client.settings().provider(), failure.toString());
            fail(callbackFailure(failure));
        } catch (Throwable again) {
            // nothing more can be done for this call
        }
    }

    private InferenceException callbackFailure(Throwable failure) {
        return client.error(bodyStarted ? ErrorKind.STREAM_INTERRUPTED : ErrorKind.CONNECTION_FAILED,
                "the component failed while handling the answer (" + failure + "): only this call was aborted, the"
                                                                                                      + " HTTP client's I/O threads go on",
                requestId(), failure);
    }

    private void onLine(String line) {
        if (!ended.get()) {
            sse.line(line);
        }
    }

    private void onBodyEnd() {
        if (ended.get() || !flushed(lines::end)) {
            return;
        }
        if (status == 401 && !resent) {
            CompletableFuture<CallAuth.Credential> renewed = client.auth().renewAfterRejection(credential);
            if (renewed != null) {
                // a token the provider no longer takes: once more with a fresh one, read by this same consumer
                resent = true;
                headers = null;
                bodyStarted = false;
                status = 0;
                plainBody.reset();
                client.withCredential(renewed, this::send, this::fail);
                return;
            }
        }
        if (status >= 300) {
            fail(client.httpError(status, headers, plainText()));
            return;
        }
        if (!sseBody) {
            wholeJsonAnswer();
            return;
        }
        if (!flushed(sse::end)) {
            return;
        }
        if (doneMarker || accumulator.finished()) {
            succeed();
        } else {
            fail(client.error(ErrorKind.STREAM_INTERRUPTED, "the stream ended after " + tokens
                                                            + " tokens without a finish reason or [DONE]",
                    requestId(), null));
        }
    }

    /**
     * Hands on what a parser still holds at the end of the body; false, with the call failed, when that is over its
     * limit.
     */
    private boolean flushed(Runnable end) {
        try {
            end.run();
            return true;
        } catch (StreamLimitException e) {
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, e.getMessage(), requestId(), null));
            return false;
        }
    }

    private void onEvent(String data) {
        if (ended.get()) {
            return;
        }
        lastActivityNanos = System.nanoTime(); // idle is the time between complete events, not between bytes
        if ("[DONE]".equals(data.trim())) {
            doneMarker = true;
            succeed();
            return;
        }
        JsonNode chunk;
        try {
            chunk = client.wire().readTree(data);
        } catch (IOException e) {
            if (client.settings().skipMalformedChunks()) {
                skippedChunks++;
                return;
            }
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, "a stream chunk is not JSON (one object, nothing after"
                                                            + " it): " + e.getMessage() + "; chunk: " + ChatClient.preview(data)
                                                            + " (malformedChunks=skip skips such chunks)",
                    requestId(), null));
            return;
        }
        if (chunk.has("error") && !chunk.get("error").isNull()) {
            fail(ErrorClassifier.fromStreamEvent(client.settings().provider(), redacted(chunk), requestId()));
            return;
        }
        MessageText delta = accumulator.accept(chunk);
        int maxAnswerChars = client.settings().limits().maxAnswerChars();
        if (accumulator.size() > maxAnswerChars) {
            throw new StreamLimitException(
                    "the streamed answer is longer than maxAnswerChars (" + maxAnswerChars
                                           + " characters)");
        }
        if (!started && (delta.content() != null || delta.reasoning() != null || carriesToolCalls(chunk))) {
            // the model is answering: reasoning or tool-call fragments count as much as text, so a model that
            // thinks aloud for longer than the first-token timeout is not taken for a silent one
            started = true;
            cancelTimer(firstTokenTimer);
            scheduleIdleCheck(timeouts.streamIdle().toMillis());
        }
        if (delta.reasoning() != null) {
            listener.onReasoning(delta.reasoning());
        }
        String token = delta.content();
        if (token != null) {
            tokens++;
            announce(accumulator.id(), accumulator.model());
            listener.onToken(token);
        }
        for (ToolCallDelta call : accumulator.toolCallDeltas()) {
            announce(accumulator.id(), accumulator.model());
            listener.onToolCall(call);
        }
    }

    /** A whole call's arguments: a JSON string as sent, or an object some servers send instead, as its JSON text. */
    private static String arguments(JsonNode arguments) {
        return arguments.isObject() ? arguments.toString() : arguments.asText("");
    }

    /** Before the first text or tool-call delta: the listener hears who answers, and when the answer began. */
    private void announce(String responseId, String responseModel) {
        if (firstTokenNanos == 0) {
            firstTokenNanos = System.nanoTime();
            listener.onStarted(client.info(headers, startNanos, firstTokenNanos), responseId, responseModel);
        }
    }

    private static boolean carriesToolCalls(JsonNode chunk) {
        JsonNode calls = chunk.path("choices").path(0).path("delta").path("tool_calls");
        return calls.isArray() && !calls.isEmpty();
    }

    private JsonNode redacted(JsonNode chunk) {
        try {
            return client.wire().readTree(client.redact(chunk.toString()));
        } catch (IOException e) {
            return chunk;
        }
    }

    /** The server ignored {@code stream=true} and sent one JSON document: still a valid answer. */
    private void wholeJsonAnswer() {
        String body = plainText();
        try {
            JsonNode root = client.wire().readTree(body);
            if (root.has("error")) {
                fail(client.httpError(status, headers, body));
                return;
            }
            ChatResponse response = client.wire().readResponse(root);
            if (response.reasoning() != null) {
                listener.onReasoning(response.reasoning());
            }
            if (response.text() != null) {
                tokens++;
                announce(response.id(), response.model());
                listener.onToken(response.text());
            }
            JsonNode calls = response.toolCalls();
            if (calls != null && calls.isArray()) {
                // a whole call is its own only fragment, so a listener relaying fragments misses none
                for (int i = 0; i < calls.size(); i++) {
                    JsonNode call = calls.get(i);
                    announce(response.id(), response.model());
                    listener.onToolCall(new ToolCallDelta(
                            i, call.path("id").asText(null),
                            call.path("type").asText("function"), call.path("function").path("name").asText(null),
                            arguments(call.path("function").path("arguments"))));
                }
            }
            finish(response);
        } catch (IOException e) {
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, "expected an event stream or chat-completions JSON: "
                                                            + e.getMessage() + "; body starts with: "
                                                            + ChatClient.preview(body),
                    requestId(), null));
        }
    }

    private String plainText() {
        return plainBody.toString(StandardCharsets.UTF_8);
    }

    private void scheduleIdleCheck(long idleMillis) {
        idleTimer = client.scheduler().schedule(() -> {
            long quietMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos);
            if (paused.get()) {
                // the provider is not idle: the call stopped reading until the route catches up
                lastActivityNanos = System.nanoTime();
                scheduleIdleCheck(idleMillis);
            } else if (quietMillis >= idleMillis) {
                fail(client.error(ErrorKind.TIMEOUT, "the stream stalled: no event for " + quietMillis
                                                     + " ms after " + tokens + " tokens (stream idle timeout " + idleMillis
                                                     + " ms)",
                        requestId(),
                        null));
            } else if (!ended.get()) {
                scheduleIdleCheck(idleMillis);
            }
        }, Math.max(1, idleMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos)),
                TimeUnit.MILLISECONDS);
    }

    private void succeed() {
        finish(accumulator.toResponse());
    }

    private void finish(ChatResponse response) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        stopTimers();
        CallInfo info = client.info(headers, startNanos, firstTokenNanos == 0 ? null : firstTokenNanos)
                .withSkippedChunks(skippedChunks);
        InferenceException problem = AnswerCheck.problem(response, info);
        if (problem != null) {
            tellError(problem);
            return;
        }
        try {
            listener.onComplete(response, info);
        } catch (Throwable e) {
            // the listener broke while hearing the end (an observer's Error, say): it hears the failure instead, so
            // its exchange still ends
            LOG.warn("{}: hearing the end of a streamed call failed: {}", client.settings().provider(), e.toString());
            tellError(callbackFailure(e));
        }
    }

    private void fail(InferenceException error) {
        if (ended.compareAndSet(false, true)) {
            stopTimers();
            abort();
            tellError(error);
        }
    }

    /** The listener hears the failure; if it breaks while hearing it, there is no one else to tell. */
    private void tellError(InferenceException error) {
        try {
            listener.onError(error);
        } catch (Throwable e) {
            LOG.warn("{}: hearing the failure of a streamed call failed: {}", client.settings().provider(),
                    e.toString());
        }
    }

    private void abort() {
        aborted = true;
        exchangeAbort.abort(inFlight); // closes the connection even when the provider has gone silent
    }

    /** Runs once, when the call ends in any way. */
    private void stopTimers() {
        openGate(); // the connection may serve another call
        client.inFlight().remove(this);
        cancelTimer(firstTokenTimer);
        cancelTimer(idleTimer);
        cancelTimer(streamTimer);
    }

    private static void cancelTimer(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private String requestId() {
        return ChatClient.header(headers, "x-request-id");
    }
}
