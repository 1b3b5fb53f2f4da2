package io.github.camelinference.camel.inference.http;

import io.github.camelinference.camel.inference.chat.AnswerCheck;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.error.ErrorClassifier;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.provider.ProviderType;
import io.github.camelinference.camel.inference.stream.StreamListener;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One provider endpoint's chat-completions calls over the JDK's non-blocking {@link HttpClient}: no thread waits
 * while a call is in flight. Knows HTTP and the wire format, nothing of Camel.
 */
public final class ChatClient {

    /** Everything a client needs; the API key stays in here and in the Authorization header, nowhere else. */
    public record Settings(String provider, ProviderType type, URI baseUri, String apiKey, Map<String, String> headers,
                           Duration requestTimeout, Duration firstTokenTimeout, Duration streamIdleTimeout) {

        @Override
        public String toString() {
            return "Settings[provider=" + provider + ", baseUri=" + baseUri + ", apiKey=" + (apiKey == null ? "none"
                    : "****") + "]";
        }
    }

    private final Settings settings;
    private final URI completionsUri;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final ChatWireFormat wire;
    private final Clock clock;

    public ChatClient(Settings settings, HttpClient http, ScheduledExecutorService scheduler, ChatWireFormat wire,
                      Clock clock) {
        this.settings = settings;
        String base = settings.baseUri().toString();
        this.completionsUri = URI.create((base.endsWith("/") ? base : base + "/") + "chat/completions");
        this.http = http;
        this.scheduler = scheduler;
        this.wire = wire;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    ChatWireFormat wire() {
        return wire;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** A non-streamed call; the future completes with the answer or an {@link InferenceException}. */
    public CompletableFuture<ChatResult> complete(ChatParameters parameters) {
        HttpRequest request = request(parameters);
        long start = System.nanoTime();
        CompletableFuture<ChatResult> result = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> inFlight = http.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        long timeoutMillis = settings.requestTimeout().toMillis();
        ScheduledFuture<?> timer = scheduler.schedule(() -> {
            if (result.completeExceptionally(error(ErrorKind.TIMEOUT,
                    "no complete answer within the request timeout of " + timeoutMillis + " ms", null, null))) {
                inFlight.cancel(true);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        inFlight.whenComplete((response, failure) -> {
            timer.cancel(false);
            if (result.isDone()) {
                return;
            }
            try {
                if (failure != null) {
                    throw transportError(failure, false);
                }
                result.complete(toResult(response, start));
            } catch (InferenceException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                result.completeExceptionally(error(ErrorKind.MALFORMED_RESPONSE, "unexpected failure reading the answer: "
                        + e, null, e));
            }
        });
        return result;
    }

    /**
     * A streamed call. The listener hears each text delta and then exactly one end; the returned handle aborts the
     * call (for example when the route stops reading).
     */
    public StreamingCall stream(ChatParameters parameters, StreamListener listener) {
        StreamingCall call = new StreamingCall(this, listener, System.nanoTime());
        call.start(http, request(parameters));
        return call;
    }

    private HttpRequest request(ChatParameters parameters) {
        byte[] body = wire.writeRequest(settings.type(), parameters);
        HttpRequest.Builder builder = HttpRequest.newBuilder(completionsUri)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Accept", parameters.stream() ? "text/event-stream" : "application/json")
                .header("User-Agent", "camel-inference");
        if ("http".equals(completionsUri.getScheme())) {
            // plain HTTP/1.1: no h2c upgrade dance with local servers and gateways
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (settings.apiKey() != null) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        settings.headers().forEach(builder::header);
        return builder.build();
    }

    private ChatResult toResult(HttpResponse<byte[]> response, long start) {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() >= 300) {
            throw httpError(response.statusCode(), response.headers(), body);
        }
        CallInfo info = info(response.headers(), start, null);
        ChatResponse answer;
        try {
            answer = wire.readResponse(wire.readTree(response.body()));
        } catch (IOException e) {
            throw error(ErrorKind.MALFORMED_RESPONSE, "the answer is not chat-completions JSON: " + e.getMessage()
                    + "; body starts with: " + preview(body), info.requestId(), null);
        }
        InferenceException problem = AnswerCheck.problem(answer, info);
        if (problem != null) {
            throw problem;
        }
        return new ChatResult(answer, info);
    }

    CallInfo info(HttpHeaders headers, long start, Long firstTokenNanos) {
        String backend = headers.firstValue("x-inference-provider").orElse(settings.provider());
        long now = System.nanoTime();
        return new CallInfo(settings.provider(), backend, headers.firstValue("x-request-id").orElse(null),
                TimeUnit.NANOSECONDS.toMillis(now - start),
                firstTokenNanos == null ? null : TimeUnit.NANOSECONDS.toMillis(firstTokenNanos - start));
    }

    InferenceException httpError(int status, HttpHeaders headers, String body) {
        return ErrorClassifier.fromResponse(settings.provider(), status,
                name -> headers.firstValue(name).orElse(null), redact(body), clock);
    }

    InferenceException error(ErrorKind kind, String message, String requestId, Throwable cause) {
        return InferenceException.of(kind, new ErrorDetails(settings.provider(), 0, null, null, redact(message),
                requestId, null), cause);
    }

    /** Maps what the HTTP client threw; {@code midStream} says whether part of an answer had already arrived. */
    InferenceException transportError(Throwable failure, boolean midStream) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InferenceException known) {
            return known;
        }
        String where = " (" + completionsUri + ")";
        if (cause instanceof HttpConnectTimeoutException) {
            return error(ErrorKind.TIMEOUT, "connect timeout" + where, null, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return error(ErrorKind.TIMEOUT, "timed out: " + cause.getMessage() + where, null, cause);
        }
        if (cause instanceof CancellationException) {
            return error(ErrorKind.CONNECTION_FAILED, "the call was cancelled" + where, null, cause);
        }
        if (midStream) {
            return error(ErrorKind.STREAM_INTERRUPTED, "the stream broke: " + cause + where, null, cause);
        }
        if (cause instanceof ConnectException) {
            return error(ErrorKind.CONNECTION_FAILED, "cannot connect: " + cause + where, null, cause);
        }
        if (cause instanceof IOException) {
            return error(ErrorKind.CONNECTION_FAILED, "the connection failed before an answer arrived: " + cause
                    + where, null, cause);
        }
        return error(ErrorKind.CONNECTION_FAILED, "the call failed: " + cause + where, null, cause);
    }

    /** Providers sometimes echo what they were sent; the key must never travel on in a message. */
    String redact(String text) {
        String key = settings.apiKey();
        if (text == null || key == null || key.length() < 4) {
            return text;
        }
        return text.replace(key, "****");
    }

    static String preview(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
