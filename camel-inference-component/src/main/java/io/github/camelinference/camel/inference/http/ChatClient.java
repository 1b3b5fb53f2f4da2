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

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.github.camelinference.camel.inference.chat.AnswerCheck;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.error.ErrorClassifier;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.Excerpt;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.stream.StreamListener;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpMessage;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * One provider endpoint's chat-completions calls over Apache HttpClient 5's non-blocking client: no thread waits while
 * a call is in flight, and the client's automatic retries are off (retries belong to the route). Knows HTTP and the
 * wire format, nothing of Camel.
 */
public final class ChatClient {

    /**
     * Everything a client needs; the API key stays in here and in the Authorization header, nowhere else. The limits
     * bound what one call may cost in memory and time, whatever a provider sends.
     *
     * @param skipMalformedChunks a stream chunk that is not one JSON object is skipped and counted instead of failing
     *                            the call
     */
    public record Settings(String provider, ProviderType type, URI baseUri, String apiKey, Map<String, String> headers,
            Duration requestTimeout, Duration firstTokenTimeout, Duration streamIdleTimeout,
            Limits limits, boolean skipMalformedChunks) {

        public Settings(String provider, ProviderType type, URI baseUri, String apiKey, Map<String, String> headers,
                        Duration requestTimeout, Duration firstTokenTimeout, Duration streamIdleTimeout,
                        Limits limits) {
            this(provider, type, baseUri, apiKey, headers, requestTimeout, firstTokenTimeout, streamIdleTimeout,
                 limits, false);
        }

        @Override
        public String toString() {
            return "Settings[provider=" + provider + ", baseUri=" + baseUri + ", apiKey=" + (apiKey == null
                    ? "none"
                    : "****")
                   + "]";
        }
    }

    /**
     * The caps on one call: body bytes, event-stream line length, answer characters, a stream's total time, and the
     * longest {@code Retry-After} obeyed.
     */
    public record Limits(int maxResponseBytes, int maxLineLength, int maxAnswerChars, Duration streamTimeout,
            Duration maxRetryAfter) {

        /** The component's defaults: 8 MiB bodies, 1 MiB lines, a million answer characters, 10 min, 60 s. */
        public static final Limits DEFAULTS = new Limits(
                8 * 1024 * 1024, 1024 * 1024, 1_000_000,
                Duration.ofMinutes(10), Duration.ofSeconds(60));
    }

    /**
     * Where the calls go and how they prove who sends them. The OpenAI shape is {@code <baseUrl>/chat/completions} with
     * the key as a Bearer token ({@link #of(Settings)}); Azure OpenAI has URLs and auth of its own.
     */
    public record Access(URI completionsUri, CallAuth auth) {

        /** {@code <baseUrl>/chat/completions}, with {@code Authorization: Bearer <apiKey>} when there is a key. */
        public static Access of(Settings settings) {
            String base = settings.baseUri().toString();
            return new Access(
                    URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions"),
                    CallAuth.bearer(settings.apiKey()));
        }
    }

    private final Settings settings;
    private final URI completionsUri;
    private final CallAuth auth;
    private static final ContentType JSON = ContentType.create("application/json");

    /** The component's current client: a client rebuilt after its I/O reactor died is seen by the next call. */
    private final Supplier<CloseableHttpAsyncClient> http;
    private final ScheduledExecutorService scheduler;
    private final ChatWireFormat wire;
    private final Clock clock;
    private final InFlightCalls inFlight;
    private final CallTimeouts defaultTimeouts;
    private volatile Consumer<Function<String, String>> responseHeaders = headers -> {
    };
    private volatile boolean propagateTraceContext;

    public ChatClient(Settings settings, CloseableHttpAsyncClient http, ScheduledExecutorService scheduler,
                      ChatWireFormat wire, Clock clock) {
        this(settings, http, scheduler, wire, clock, new InFlightCalls());
    }

    /** @param inFlight where this client's calls are registered while they run, so a stop can end them */
    public ChatClient(Settings settings, CloseableHttpAsyncClient http, ScheduledExecutorService scheduler,
                      ChatWireFormat wire, Clock clock, InFlightCalls inFlight) {
        this(settings, Access.of(settings), http, scheduler, wire, clock, inFlight);
    }

    /** @param access where the calls go and how they authenticate, when that is not the OpenAI shape */
    public ChatClient(Settings settings, Access access, CloseableHttpAsyncClient http,
                      ScheduledExecutorService scheduler, ChatWireFormat wire, Clock clock, InFlightCalls inFlight) {
        this(settings, access, () -> http, scheduler, wire, clock, inFlight);
    }

    /**
     * @param access   where the calls go and how they authenticate
     * @param http     gives the HTTP client for each call, so a client rebuilt meanwhile is used (see
     *                 {@link SharedHttpClient})
     * @param inFlight where this client's calls are registered while they run, so a stop can end them
     */
    public ChatClient(Settings settings, Access access, Supplier<CloseableHttpAsyncClient> http,
                      ScheduledExecutorService scheduler, ChatWireFormat wire, Clock clock, InFlightCalls inFlight) {
        this.settings = settings;
        this.inFlight = inFlight;
        this.completionsUri = access.completionsUri();
        this.auth = access.auth();
        this.http = http;
        this.scheduler = scheduler;
        this.wire = wire;
        this.clock = clock;
        this.defaultTimeouts = CallTimeouts.of(settings, null, null);
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Hears the headers of every response, errors included, on the HTTP client's I/O thread: the listener must be quick
     * and never block (the rate limiter learns the provider's remaining limits here).
     */
    public void onResponseHeaders(Consumer<Function<String, String>> listener) {
        this.responseHeaders = listener;
    }

    /**
     * Whether each request carries the W3C {@code traceparent}/{@code tracestate} of the context current when the call
     * is made (the call's span); only the trace context, never baggage, goes to a provider.
     */
    public void propagateTraceContext(boolean propagate) {
        this.propagateTraceContext = propagate;
    }

    /** Passes a response's headers to the listener; a listener's failure never fails the call. */
    void heard(HttpMessage response) {
        try {
            responseHeaders.accept(name -> header(response, name));
        } catch (RuntimeException e) {
            // the call goes on; the limiter just learned nothing from this response
        }
    }

    /** The endpoint's own timeouts. */
    public CallTimeouts defaultTimeouts() {
        return defaultTimeouts;
    }

    ChatWireFormat wire() {
        return wire;
    }

    CallAuth auth() {
        return auth;
    }

    /** Whether a token is held and until when, or null when the calls carry a static key or nothing. */
    public CallAuth.TokenStatus tokenStatus() {
        return auth.tokenStatus();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    InFlightCalls inFlight() {
        return inFlight;
    }

    /**
     * Counts a wait before a call (for its rate limit) as a call in flight: a component that stops lets it finish
     * within the shutdown timeout, then ends it with CONNECTION_FAILED, so no exchange waits on a timer that is gone.
     *
     * @param what what the call waits for, for the error
     */
    public <T> CompletableFuture<T> inFlightWhile(CompletableFuture<T> waiting, String what) {
        if (waiting.isDone()) {
            return waiting;
        }
        InFlightCalls.Call tracked = reason -> waiting.completeExceptionally(error(ErrorKind.CONNECTION_FAILED,
                reason + " (the call was still waiting for " + what + ", and was not sent)", null, null));
        // why the whole set: a call still waiting has not touched the HTTP client, so a client rebuilt meanwhile
        // (which ends the calls in flight on it) is none of its business; a stop is
        InFlightCalls all = inFlight.whole();
        all.add(tracked);
        waiting.whenComplete((result, failure) -> all.remove(tracked));
        return waiting;
    }

    /** A non-streamed call with the endpoint's timeouts. */
    public CompletableFuture<ChatResult> complete(ChatParameters parameters) {
        return complete(parameters, defaultTimeouts);
    }

    /**
     * A non-streamed call; the future completes with the answer or an {@link InferenceException}. Cancelling the future
     * aborts the HTTP exchange and closes its connection.
     */
    public CompletableFuture<ChatResult> complete(ChatParameters parameters, CallTimeouts timeouts) {
        long start = System.nanoTime();
        CompletableFuture<ChatResult> result = new CompletableFuture<>();
        AtomicReference<Future<SimpleHttpResponse>> call = new AtomicReference<>();
        ExchangeAbort abort = new ExchangeAbort();
        InFlightCalls.Call tracked = reason -> {
            if (result.completeExceptionally(error(ErrorKind.CONNECTION_FAILED, reason, null, null))) {
                abort.abort(call.get());
            }
        };
        inFlight.add(tracked);
        result.whenComplete((answer, failure) -> inFlight.remove(tracked));
        long timeoutMillis = timeouts.request().toMillis();
        // the timeout counts from here, so a call waiting for its credential (an Entra token) is bounded by it too
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (result.completeExceptionally(error(ErrorKind.TIMEOUT,
                    "no complete answer within the request timeout of " + timeoutMillis + " ms", null, null))) {
                abort.abort(call.get());
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        JsonCall exchange = new JsonCall(parameters, start, result, call, abort, timer);
        withCredential(auth.credential(), credential -> exchange.send(credential, false),
                result::completeExceptionally);
        result.whenComplete((answer, failure) -> {
            if (failure instanceof CancellationException) {
                timer.cancel(false);
                abort.abort(call.get()); // the caller dropped the call (the loser of a hedge)
            }
        });
        return result;
    }

    /** One non-streamed call's HTTP exchange, sent again once with a fresh credential after a 401. */
    private final class JsonCall {

        private final ChatParameters parameters;
        private final long start;
        private final CompletableFuture<ChatResult> result;
        private final AtomicReference<Future<SimpleHttpResponse>> call;
        private final ExchangeAbort abort;
        private final ScheduledFuture<?> timer;

        JsonCall(ChatParameters parameters, long start, CompletableFuture<ChatResult> result,
                 AtomicReference<Future<SimpleHttpResponse>> call, ExchangeAbort abort, ScheduledFuture<?> timer) {
            this.parameters = parameters;
            this.start = start;
            this.result = result;
            this.call = call;
            this.abort = abort;
            this.timer = timer;
        }

        void send(CallAuth.Credential credential, boolean resent) {
            if (result.isDone()) {
                return; // timed out, stopped or cancelled while the credential was on its way
            }
            BoundedResponseConsumer consumer = new BoundedResponseConsumer(settings.limits().maxResponseBytes());
            call.set(http.get().execute(SimpleRequestProducer.create(request(parameters, credential)), consumer,
                    abort.context(), new FutureCallback<>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                            try {
                                if (response == null) {
                                    throw consumer.failure();
                                }
                                heard(response);
                                CompletableFuture<CallAuth.Credential> renewed = response.getCode() == 401 && !resent
                                        ? auth.renewAfterRejection(credential) : null;
                                if (renewed != null) {
                                    // a token the provider no longer takes: once more with a fresh one
                                    withCredential(renewed, fresh -> send(fresh, true), result::completeExceptionally);
                                    return;
                                }
                                timer.cancel(false);
                                result.complete(toResult(response, start));
                            } catch (InferenceException e) {
                                timer.cancel(false);
                                result.completeExceptionally(e);
                            } catch (RuntimeException e) {
                                timer.cancel(false);
                                result.completeExceptionally(error(ErrorKind.MALFORMED_RESPONSE,
                                        "unexpected failure reading the answer: " + e, null, e));
                            } catch (Throwable e) {
                                // an Error on the I/O thread ends this call, never the thread (see ContainedFailure)
                                timer.cancel(false);
                                containedFailure(result, e);
                            }
                        }

                        @Override
                        public void failed(Exception failure) {
                            timer.cancel(false);
                            try {
                                result.completeExceptionally(transportError(failure, false, start));
                            } catch (Throwable e) {
                                containedFailure(result, e);
                            }
                        }

                        @Override
                        public void cancelled() {
                            timer.cancel(false);
                            result.completeExceptionally(error(ErrorKind.CANCELLED, "the call was cancelled",
                                    null, null));
                        }
                    }));
            if (result.isDone()) {
                abort.abort(call.get()); // the timer fired (or a stop came) before the call was even handed over
            }
        }
    }

    /** Fails a call whose answer our own code could not handle; tries nothing more if that fails too. */
    private void containedFailure(CompletableFuture<ChatResult> result, Throwable failure) {
        try {
            Throwable cause = failure instanceof ContainedFailure contained ? contained.getCause() : failure;
            result.completeExceptionally(error(ErrorKind.CONNECTION_FAILED, ContainedFailure.describe(cause), null,
                    cause));
        } catch (Throwable again) {
            result.completeExceptionally(failure);
        }
    }

    /**
     * Runs {@code send} with the credential: at once when it is at hand, else on the thread that delivers it (none
     * waits for it). A credential that cannot be had goes to {@code refused} as an AuthenticationException.
     */
    void withCredential(
            CompletableFuture<CallAuth.Credential> credential, Consumer<CallAuth.Credential> send,
            Consumer<InferenceException> refused) {
        if (credential.isDone() && !credential.isCompletedExceptionally()) {
            send.accept(credential.join());
            return;
        }
        credential.whenComplete((given, failure) -> {
            if (failure != null) {
                refused.accept(credentialError(failure));
            } else {
                send.accept(given);
            }
        });
    }

    /** Why a call has no credential, as the AuthenticationException it fails with. */
    InferenceException credentialError(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InferenceException known) {
            return known;
        }
        return error(ErrorKind.AUTHENTICATION, "no credential for the call: " + cause, null, cause);
    }

    /**
     * A streamed call. The listener hears each text delta and then exactly one end; the returned handle aborts the call
     * (for example when the route stops reading).
     */
    public StreamingCall stream(ChatParameters parameters, StreamListener listener) {
        return stream(parameters, listener, defaultTimeouts);
    }

    /** A streamed call with its own timeouts. */
    public StreamingCall stream(ChatParameters parameters, StreamListener listener, CallTimeouts timeouts) {
        StreamingCall call = new StreamingCall(this, listener, System.nanoTime(), timeouts);
        call.start(http.get(), parameters);
        return call;
    }

    SimpleHttpRequest request(ChatParameters parameters, CallAuth.Credential credential) {
        SimpleHttpRequest request = SimpleHttpRequest.create("POST", completionsUri);
        request.setBody(wire.writeRequest(settings.type(), parameters), JSON);
        request.addHeader("Accept", parameters.stream() ? "text/event-stream" : "application/json");
        request.addHeader("User-Agent", "camel-inference");
        if (credential != null) {
            request.addHeader(new SecretHeader(credential.header(), credential.value()));
        }
        settings.headers().forEach((name, value) -> request.addHeader(SecretHeader.isSecret(name)
                ? new SecretHeader(name, value) : new BasicHeader(name, value)));
        if (propagateTraceContext) {
            W3CTraceContextPropagator.getInstance().inject(Context.current(), request, HttpMessage::setHeader);
        }
        return request;
    }

    private ChatResult toResult(SimpleHttpResponse response, long start) {
        byte[] bytes = response.getBodyBytes() == null ? new byte[0] : response.getBodyBytes();
        if (response.getCode() >= 300) {
            throw httpError(response.getCode(), response, new String(bytes, StandardCharsets.UTF_8));
        }
        CallInfo info = info(response, start, null);
        ChatResponse answer;
        try {
            answer = wire.readResponse(wire.readTree(bytes), bytes);
        } catch (IOException e) {
            // why decoded only here: an answer that parses never needs its text (a copy of every answer, else)
            throw error(ErrorKind.MALFORMED_RESPONSE, "the answer is not chat-completions JSON: " + e.getMessage()
                                                      + "; body starts with: "
                                                      + preview(new String(bytes, StandardCharsets.UTF_8)),
                    info.requestId(), null);
        }
        InferenceException problem = AnswerCheck.problem(answer, info);
        if (problem != null) {
            throw problem;
        }
        return new ChatResult(answer, info);
    }

    static String header(HttpMessage message, String name) {
        Header header = message == null ? null : message.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    CallInfo info(HttpMessage response, long start, Long firstTokenNanos) {
        String backend = header(response, "x-inference-provider");
        long now = System.nanoTime();
        return new CallInfo(
                settings.provider(), backend == null ? settings.provider() : backend,
                header(response, "x-request-id"),
                TimeUnit.NANOSECONDS.toMillis(now - start),
                firstTokenNanos == null ? null : TimeUnit.NANOSECONDS.toMillis(firstTokenNanos - start));
    }

    InferenceException httpError(int status, HttpMessage response, String body) {
        InferenceException error = ErrorClassifier.fromResponse(settings.provider(), status,
                name -> header(response, name), redact(body), clock);
        Duration hint = error.getRetryAfter();
        Duration cap = settings.limits().maxRetryAfter();
        if (hint == null || hint.compareTo(cap) <= 0) {
            return error;
        }
        // why: a hint of hours would park the exchange (and a redelivery thread) that long; it is reported and kept
        // as the provider's word (a failover step moves on at once, a gateway passes it to its caller), never obeyed
        ErrorDetails d = error.getDetails();
        return InferenceException.of(error.getKind(), new ErrorDetails(
                d.provider(), d.httpStatus(), d.errorType(),
                d.errorCode(), d.providerMessage() + " (the provider asked to wait " + hint.toSeconds()
                               + " s before retrying, longer than maxRetryAfter of " + cap.toSeconds()
                               + " s: not used as the redelivery delay)",
                d.requestId(), hint), null);
    }

    InferenceException error(ErrorKind kind, String message, String requestId, Throwable cause) {
        return InferenceException.of(kind, new ErrorDetails(
                settings.provider(), 0, null, null, redact(message),
                requestId, null), cause);
    }

    /**
     * A connection closed without a byte of answer after at least this long is a provider that went silent and gave up
     * (or a proxy's idle timeout): a timeout, worth another target, not a reset worth waiting on again.
     */
    static final long SILENT_HANG_UP_MILLIS = 1_000;

    /**
     * Maps what the HTTP client threw; {@code midStream} says whether part of an answer had already arrived, and
     * {@code startNanos} when the request was sent.
     */
    InferenceException transportError(Throwable failure, boolean midStream, long startNanos) {
        InferenceException error = transportError(failure, midStream);
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (!midStream && error.getKind() == ErrorKind.CONNECTION_FAILED
                && !(unwrap(failure) instanceof ConnectException) && !(unwrap(failure) instanceof CancellationException)
                && silentMillis >= SILENT_HANG_UP_MILLIS) {
            return error(ErrorKind.TIMEOUT, "the provider sent nothing for " + silentMillis + " ms and then closed"
                                            + " the connection (" + unwrap(failure) + ", " + completionsUri + ")",
                    null, unwrap(failure));
        }
        return error;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Maps what the HTTP client threw; {@code midStream} says whether part of an answer had already arrived. */
    InferenceException transportError(Throwable failure, boolean midStream) {
        Throwable cause = unwrap(failure);
        if (cause instanceof InferenceException known) {
            return known;
        }
        if (cause instanceof LimitExceededException limit) {
            return error(ErrorKind.MALFORMED_RESPONSE, limit.getMessage(), null, null);
        }
        if (cause instanceof ContainedFailure contained) {
            return error(midStream ? ErrorKind.STREAM_INTERRUPTED : ErrorKind.CONNECTION_FAILED, contained.getMessage(),
                    null, contained.getCause());
        }
        String where = " (" + completionsUri + ")";
        if (cause instanceof ConnectTimeoutException) {
            return error(ErrorKind.TIMEOUT, "connect timeout" + where, null, cause);
        }
        if (cause instanceof SocketTimeoutException) {
            return error(ErrorKind.TIMEOUT, "timed out: " + cause.getMessage() + where, null, cause);
        }
        if (cause instanceof CancellationException) {
            return error(ErrorKind.CANCELLED, "the call was cancelled" + where, null, cause);
        }
        if (cause instanceof SSLException) {
            return error(ErrorKind.CONNECTION_FAILED, "the TLS handshake failed: " + cause.getMessage() + where
                                                      + "; the server's certificate must be trusted by the trust store in sslContextParameters (or the"
                                                      + " JVM's default one when that option is not set) and name the host",
                    null, cause);
        }
        if (midStream) {
            return error(ErrorKind.STREAM_INTERRUPTED, "the stream broke: " + cause + where, null, cause);
        }
        if (cause instanceof ConnectException) {
            return error(ErrorKind.CONNECTION_FAILED, "cannot connect: " + cause + where, null, cause);
        }
        if (cause instanceof IOException) {
            return error(ErrorKind.CONNECTION_FAILED, "the connection failed before an answer arrived: " + cause
                                                      + where,
                    null, cause);
        }
        return error(ErrorKind.CONNECTION_FAILED, "the call failed: " + cause + where, null, cause);
    }

    /** Providers sometimes echo what they were sent; the key (or token) must never travel on in a message. */
    String redact(String text) {
        String key = settings.apiKey();
        String redacted = auth.redact(text);
        if (redacted == null || key == null || key.length() < 4) {
            return redacted;
        }
        return redacted.replace(key, "****");
    }

    /** At most 200 characters of provider content, on one line: what error messages quote. */
    public static String preview(String body) {
        return Excerpt.of(body);
    }
}
