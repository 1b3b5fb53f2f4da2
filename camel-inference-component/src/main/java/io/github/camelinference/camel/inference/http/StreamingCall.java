package io.github.camelinference.camel.inference.http;

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
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One streamed call: reads the SSE body line by line as it arrives, turns chunks into text deltas, and ends exactly
 * once, well or with a typed error. A first-token timeout bounds a provider that never starts; an idle timeout bounds
 * one that stops mid-way (measured between complete events, so keep-alive comments do not count); the stream timeout
 * bounds the whole. Text, reasoning and tool-call fragments go to the listener as they arrive. Lines, events, answer
 * text and non-stream bodies are bounded in size; past a limit the call fails and the connection is dropped. A stream
 * that ends without {@code [DONE]} counts as complete only if a finish reason arrived.
 */
public final class StreamingCall extends AbstractBinResponseConsumer<Void> implements InFlightCalls.Call {

    private final ChatClient client;
    private final StreamListener listener;
    private final long startNanos;
    private final CallTimeouts timeouts;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean aborted;
    private final StreamAccumulator accumulator;
    private final SseParser sse;
    private final LineSplitter lines;
    private final ByteArrayOutputStream plainBody = new ByteArrayOutputStream();

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
                        + firstTokenMillis + " ms", requestId(), null));
            }
        }, firstTokenMillis, TimeUnit.MILLISECONDS);
        long streamMillis = client.settings().limits().streamTimeout().toMillis();
        streamTimer = client.scheduler().schedule(() -> fail(client.error(ErrorKind.TIMEOUT, "the stream took"
                + " longer than the stream timeout of " + streamMillis + " ms in all (streamTimeout), after " + tokens
                + " tokens", requestId(), null)), streamMillis, TimeUnit.MILLISECONDS);
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
                        onBodyEnd();
                    }

                    @Override
                    public void failed(Exception failure) {
                        fail(client.transportError(failure, headers != null || bodyStarted, startNanos));
                    }

                    @Override
                    public void cancelled() {
                        fail(client.error(ErrorKind.CANCELLED, "the call was cancelled", requestId(), null));
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

    @Override
    protected void start(HttpResponse response, ContentType contentType) {
        status = response.getCode();
        headers = response;
        client.heard(response);
        sseBody = status < 300 && contentType != null
                  && "text/event-stream".equalsIgnoreCase(contentType.getMimeType());
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer bytes, boolean endOfStream) throws IOException {
        bodyStarted = true;
        if (aborted) {
            // why: cancelling the future from a timer thread can race the I/O thread and leave the connection leased;
            // failing the exchange from inside the consumer always makes HttpClient discard it
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
        throw new LimitExceededException(broken);
    }

    @Override
    protected Void buildResult() {
        return null;
    }

    @Override
    public void releaseResources() {
        // nothing held beyond the call
    }

    private void onLine(String line) {
        if (!ended.get()) {
            sse.line(line);
        }
    }

    private void onBodyEnd() {
        if (ended.get()) {
            return;
        }
        try {
            lines.end();
        } catch (StreamLimitException e) {
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, e.getMessage(), requestId(), null));
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
        try {
            sse.end();
        } catch (StreamLimitException e) {
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, e.getMessage(), requestId(), null));
            return;
        }
        if (doneMarker || accumulator.finished()) {
            succeed();
        } else {
            fail(client.error(ErrorKind.STREAM_INTERRUPTED, "the stream ended after " + tokens
                    + " tokens without a finish reason or [DONE]", requestId(), null));
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
                    + " (malformedChunks=skip skips such chunks)", requestId(), null));
            return;
        }
        if (chunk.has("error") && !chunk.get("error").isNull()) {
            fail(ErrorClassifier.fromStreamEvent(client.settings().provider(), redacted(chunk), requestId()));
            return;
        }
        MessageText delta = accumulator.accept(chunk);
        int maxAnswerChars = client.settings().limits().maxAnswerChars();
        if (accumulator.size() > maxAnswerChars) {
            throw new StreamLimitException("the streamed answer is longer than maxAnswerChars (" + maxAnswerChars
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
                    listener.onToolCall(new ToolCallDelta(i, call.path("id").asText(null),
                            call.path("type").asText("function"), call.path("function").path("name").asText(null),
                            arguments(call.path("function").path("arguments"))));
                }
            }
            finish(response);
        } catch (IOException e) {
            fail(client.error(ErrorKind.MALFORMED_RESPONSE, "expected an event stream or chat-completions JSON: "
                    + e.getMessage() + "; body starts with: " + ChatClient.preview(body), requestId(), null));
        }
    }

    private String plainText() {
        return plainBody.toString(StandardCharsets.UTF_8);
    }

    private void scheduleIdleCheck(long idleMillis) {
        idleTimer = client.scheduler().schedule(() -> {
            long quietMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivityNanos);
            if (quietMillis >= idleMillis) {
                fail(client.error(ErrorKind.TIMEOUT, "the stream stalled: no event for " + quietMillis
                        + " ms after " + tokens + " tokens (stream idle timeout " + idleMillis + " ms)", requestId(),
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
            listener.onError(problem);
        } else {
            listener.onComplete(response, info);
        }
    }

    private void fail(InferenceException error) {
        if (ended.compareAndSet(false, true)) {
            stopTimers();
            abort();
            listener.onError(error);
        }
    }

    private void abort() {
        aborted = true;
        exchangeAbort.abort(inFlight); // closes the connection even when the provider has gone silent
    }

    /** Runs once, when the call ends in any way. */
    private void stopTimers() {
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
