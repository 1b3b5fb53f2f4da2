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

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.gateway.openai.Chunks;
import io.github.camelinference.camel.inference.gateway.openai.ParsedRequest;
import io.github.camelinference.camel.inference.gateway.vertx.AsyncPlatformHttpConsumer;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * The last step of {@code POST /v1/chat/completions}: the answer as a {@code chat.completion} (the provider's JSON as
 * received: tool calls, finish reason and usage kept), or a streamed answer as SSE.
 * <p>
 * A stream is pushed by an {@link SseRelay}: text and tool-call deltas go from the HTTP client's I/O thread to the
 * connection's event loop, and no thread waits on the stream. The exchange completes when the response has ended (so a
 * graceful stop waits for it); the consumer then finds the response written and writes nothing more. A failure after
 * the first delta becomes an error event and the response ends without {@code [DONE]}; a client that goes away aborts
 * the provider call, and so does a stop whose shutdown timeout the stream outlives (with an error event).
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
            if (response == null || exchange.getProperty(AsyncPlatformHttpConsumer.VERTX_CONTEXT) == null) {
                stream.abort();
                exchange.setException(new IllegalStateException(
                        "a streamed answer needs the gateway's"
                                                                + " platform-http consumer (AsyncPlatformHttpEngine)"));
                callback.done(true);
                return true;
            }
            Context eventLoop = exchange.getProperty(AsyncPlatformHttpConsumer.VERTX_CONTEXT, Context.class);
            Executor workers = exchange.getContext().getComponent("inference", InferenceComponent.class)
                    .continuations();
            String requestId = exchange.getProperty(GatewayExchange.REQUEST_ID, String.class);
            SseRelay relay = new SseRelay(
                    stream, response, eventLoop, workers, callback,
                    new Chunks(
                            mapper, "chatcmpl-" + requestId, Instant.now().getEpochSecond(),
                            model == null ? request.model() : model, provider),
                    request.includeUsage(), requestId);
            // why: a stream still running when the gateway's shutdown timeout expires ends with an error event
            exchange.setProperty(AsyncPlatformHttpConsumer.ON_STOP, (Runnable) relay::stopping);
            relay.start(provider);
            return false;
        }
        try {
            ChatResponse answer = message.getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
            if (answer == null || answer.raw() == null) {
                throw new IllegalStateException("the route left no chat completion on the exchange");
            }
            if (GatewayExchange.request(exchange).stream()) {
                throw new IllegalStateException(
                        "the model route answered a streamed request whole: the endpoints"
                                                + " of its streamed branch need stream=true");
            }
            GatewayExchange.answerHeaders(exchange, 200, "application/json",
                    Map.of(GatewayExchange.PROVIDER_HEADER, provider));
            // the provider's bytes as received, when the component kept them: the same JSON, not written again
            exchange.getMessage().setBody(
                    answer.rawBytes() != null ? answer.rawBytes() : mapper.writeValueAsBytes(answer.raw()));
        } catch (Exception e) {
            exchange.setException(e);
        }
        callback.done(true);
        return true;
    }

}
