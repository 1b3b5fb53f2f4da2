package io.github.camelinference.examples.gateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.examples.gateway.openai.Chunks;
import io.github.camelinference.examples.gateway.openai.OpenAiErrors;
import io.github.camelinference.examples.gateway.openai.ParsedRequest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The last step of {@code POST /v1/chat/completions}: the answer as a {@code chat.completion} (the provider's JSON as
 * received: tool calls, finish reason and usage kept), or a streamed answer as SSE.
 * <p>
 * A streamed request with tools is answered whole by the routes and sent as one stream (see
 * {@link ChatCompletionsIn}). Any other stream is pushed: the {@link ChatStream} forwards each delta from the HTTP client's I/O thread straight to
 * Vert.x's response, and no thread reads it. The exchange completes when the stream ends, so that platform-http,
 * which then finds the response ended, writes nothing more. A failure after the first delta becomes an error event
 * and the response ends without {@code [DONE]}; a client that goes away aborts the provider call.
 */
public final class ChatCompletionsOut extends AsyncProcessorSupport {

    private final ObjectMapper mapper;

    public ChatCompletionsOut(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message message = exchange.getMessage();
        String provider = message.getHeader(InferenceConstants.PROVIDER, "unknown", String.class);
        String model = message.getHeader(InferenceConstants.RESPONSE_MODEL, String.class);
        if (message.getBody() instanceof ChatStream stream) {
            ParsedRequest request = GatewayExchange.request(exchange);
            HttpServerResponse response = GatewayExchange.httpResponse(exchange);
            if (response == null) {
                stream.abort();
                exchange.setException(new IllegalStateException("a streamed answer needs the platform-http-vertx"
                                                                + " consumer"));
                callback.done(true);
                return true;
            }
            new SseRelay(exchange, callback, stream, response, provider,
                    new Chunks(mapper, "chatcmpl-" + exchange.getProperty(GatewayExchange.REQUEST_ID, String.class),
                            Instant.now().getEpochSecond(), model == null ? request.model() : model),
                    request.includeUsage()).start();
            return false;
        }
        try {
            ChatResponse answer = message.getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
            if (answer == null || answer.raw() == null) {
                throw new IllegalStateException("the route left no chat completion on the exchange");
            }
            ParsedRequest request = GatewayExchange.request(exchange);
            if (request.stream()) {
                // why: a streamed request the routes answered whole (tools): the answer goes out as one stream
                GatewayExchange.answerHeaders(exchange, 200, "text/event-stream; charset=utf-8",
                        Map.of(GatewayExchange.PROVIDER_HEADER, provider));
                Chunks chunks = new Chunks(mapper, "chatcmpl-" + exchange.getProperty(GatewayExchange.REQUEST_ID,
                        String.class), Instant.now().getEpochSecond(), model == null ? request.model() : model);
                exchange.getMessage().setBody(chunks.whole(answer.raw(), request.includeUsage())
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                GatewayExchange.answerHeaders(exchange, 200, "application/json",
                        Map.of(GatewayExchange.PROVIDER_HEADER, provider));
                exchange.getMessage().setBody(mapper.writeValueAsBytes(answer.raw()));
            }
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

    /** One stream's relay to one HTTP response; each method is called once per item, in order. */
    private static final class SseRelay implements ChatStream.Sink {

        private final Exchange exchange;
        private final AsyncCallback callback;
        private final ChatStream stream;
        private final HttpServerResponse response;
        private final String provider;
        private final Chunks chunks;
        private final boolean includeUsage;
        private final AtomicBoolean finished = new AtomicBoolean();

        SseRelay(Exchange exchange, AsyncCallback callback, ChatStream stream, HttpServerResponse response,
                 String provider, Chunks chunks, boolean includeUsage) {
            this.exchange = exchange;
            this.callback = callback;
            this.stream = stream;
            this.response = response;
            this.provider = provider;
            this.chunks = chunks;
            this.includeUsage = includeUsage;
        }

        void start() {
            response.setStatusCode(200);
            response.setChunked(true);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("Cache-Control", "no-cache");
            response.putHeader(GatewayExchange.REQUEST_ID_HEADER,
                    exchange.getProperty(GatewayExchange.REQUEST_ID, String.class));
            response.putHeader(GatewayExchange.PROVIDER_HEADER, provider);
            // why: a client that hangs up must not leave the provider call running
            response.closeHandler(closed -> {
                stream.abort();
                finish();
            });
            stream.forwardTo(this);
        }

        @Override
        public void token(String text) {
            write(chunks.delta(text));
        }

        @Override
        public void end(ChatResponse answer, Runnable endActions) {
            // why: the producer's end actions record the tenant's spend and must run before the exchange completes;
            // they run here, on the HTTP client's I/O thread, which suits the in-memory store (it does not block)
            // but not a remote one (see the README, "left")
            endActions.run();
            write(chunks.finish(answer == null ? null : answer.finishReason()));
            if (includeUsage && answer != null && answer.usage().promptTokens() != null) {
                write(chunks.usage(answer.usage()));
            }
            write(Chunks.DONE);
            end();
        }

        @Override
        public void error(InferenceException error) {
            write(chunks.error(OpenAiErrors.toGateway(error)));
            end();
        }

        private void write(String event) {
            if (!response.ended() && !response.closed()) {
                response.write(Buffer.buffer(event.getBytes(StandardCharsets.UTF_8)));
            }
        }

        private void end() {
            if (!response.ended() && !response.closed()) {
                response.end();
            }
            finish();
        }

        private void finish() {
            if (finished.compareAndSet(false, true)) {
                callback.done(false);
            }
        }
    }
}
