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
package io.github.camelinference.simulator;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;

/** Turns one HTTP request into the {@link Reply} the simulator's script chose, paced on the channel's event loop. */
final class SimulatorHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ProviderSimulator simulator;

    SimulatorHandler(ProviderSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
        String body = request.content().toString(StandardCharsets.UTF_8);
        String path = request.uri();
        if (path.equals(ProviderSimulator.REQUESTS_PATH) && "GET".equals(request.method().name())) {
            // the simulator's own counter, neither counted nor recorded itself
            send(ctx, Reply.json(200, "{\"requests\":" + simulator.requestsReceived() + ",\"chatRequests\":"
                                      + simulator.chatRequestsReceived() + ",\"maxChatRequestsPerMinute\":"
                                      + simulator.maxRequestsInAnyWindow(java.time.Duration.ofMinutes(1)) + ",\"rateLimited\":"
                                      + simulator.rateLimitedReplies() + "}"),
                    List.of(), "stats");
            return;
        }
        simulator.record(new RecordedRequest(request.method().name(), path, headers, body, System.nanoTime()));
        String requestId = simulator.nextRequestId();
        boolean azure = simulator.flavour() == Flavour.AZURE;
        if (azure && EntraTokens.handles(path)) {
            String scheme = ctx.pipeline().get(SslHandler.class) != null ? "https" : "http";
            send(ctx, simulator.entra().answer(request.method().name(), path, body,
                    scheme + "://" + headers.getOrDefault("host", "localhost")), List.of(), requestId);
            return;
        }
        AzureRoute route = null;
        if (azure && !(path.endsWith("/models") && "GET".equals(request.method().name()))) {
            route = AzureRoute.of(path);
            Reply refused = route == null ? AzureRoute.NOT_FOUND : azureRefusal(headers);
            if (refused != null) {
                send(ctx, refused, List.of(), requestId);
                return;
            }
        }

        if (path.endsWith("/models") && "GET".equals(request.method().name())) {
            ObjectNode list = MAPPER.createObjectNode().put("object", "list");
            list.set("data", DefaultAnswer.modelList(simulator.flavour(), simulator.shutdownDates()));
            send(ctx, Reply.json(200, list.toString()).withHeader("x-request-id", requestId), List.of(), requestId);
            return;
        }
        if (!(route != null || path.endsWith("/chat/completions")) || !"POST".equals(request.method().name())) {
            send(ctx, Reply.json(404, "{\"error\":{\"message\":\"Unknown route " + request.method() + " " + path
                                      + "\",\"type\":\"invalid_request_error\",\"code\":\"unknown_url\"}}"),
                    List.of(), requestId);
            return;
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (Exception e) {
            send(ctx, Reply.json(400, "{\"error\":{\"message\":\"We could not parse the JSON body of your request.\","
                                      + "\"type\":\"invalid_request_error\",\"code\":null}}"),
                    List.of(), requestId);
            return;
        }
        if (simulator.rejectsPrefill() && DefaultAnswer.isPrefill(json)) {
            send(ctx, Reply.json(400, "{\"error\":{\"message\":\"The last message must be a user message: this"
                                      + " model does not support assistant prefill.\",\"type\":\"invalid_request_error\","
                                      + "\"param\":\"messages\",\"code\":\"unsupported_value\"}}"),
                    List.of(), requestId);
            return;
        }
        if (route != null) {
            String deployment = route.deployment() != null ? route.deployment() : json.path("model").asText(null);
            if (deployment == null) {
                send(ctx, Reply.json(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"The v1 API needs"
                                          + " the deployment's name as model.\"}}"),
                        List.of(), requestId);
                return;
            }
            if (!simulator.deploymentExists(deployment)) {
                send(ctx, AzureRoute.DEPLOYMENT_NOT_FOUND, List.of(), requestId);
                return;
            }
            if (json instanceof ObjectNode object) {
                object.put("model", deployment); // the deployment URL's body needs no model: answer as the deployment
            }
        }
        Reply refusal = simulator.refusal(json.path("model").asText(null), json);
        if (refusal != null) {
            send(ctx, refusal, List.of(), requestId);
            return;
        }
        RateLimitWindow.Decision limit = simulator.rateLimitDecision();
        if (limit != null && !limit.admitted() && azure) {
            send(ctx, Reply.azureRateLimited(java.time.Duration.ofNanos(Math.max(1_000_000, limit.resetNanos()))),
                    List.of(), requestId);
            return;
        }
        if (limit != null && !limit.admitted()) {
            long waitMillis = Math.max(1, (limit.resetNanos() + 999_999) / 1_000_000);
            send(ctx, withRateLimitHeaders(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached for"
                                                           + " requests: limit " + limit.limit()
                                                           + " per minute. Please try again in "
                                                           + RateLimitWindow.goDuration(limit.resetNanos())
                                                           + ".\",\"type\":\"requests\",\"param\":null,"
                                                           + "\"code\":\"rate_limit_exceeded\"}}"),
                    limit)
                    .withHeader("retry-after", String.valueOf((waitMillis + 999) / 1000))
                    .withHeader("retry-after-ms", String.valueOf(waitMillis)), List.of(), requestId);
            return;
        }
        Reply reply = simulator.replyFor(json.path("model").asText(null), json.path("stream").asBoolean(false));
        if (limit != null) {
            reply = azure
                    ? reply.withHeader("x-ratelimit-remaining-requests", String.valueOf(limit.remaining()))
                    : withRateLimitHeaders(reply, limit);
        }
        if (reply.kind == Reply.Kind.ANSWER || reply.kind == Reply.Kind.TOOL_CALL) {
            DefaultAnswer answer = new DefaultAnswer(simulator.flavour(), json, "chatcmpl-" + requestId);
            boolean toolCall = reply.kind == Reply.Kind.TOOL_CALL;
            Reply concrete;
            if (answer.streamed()) {
                concrete = Reply.rawChunks((toolCall
                        ? answer.toolCallChunks(reply.toolName, reply.toolArguments, reply.toolShape)
                        : answer.streamChunks(reply.filterCategory, reply.filterSeverity)).toArray(String[]::new));
            } else {
                concrete = Reply.json(200, toolCall
                        ? answer.toolCallJson(reply.toolName, reply.toolArguments, reply.toolShape)
                        : answer.completionJson(reply.filterCategory, reply.filterSeverity));
            }
            for (Map.Entry<String, String> header : answer.headers().entrySet()) {
                concrete = concrete.withHeader(header.getKey(), header.getValue());
            }
            for (Map.Entry<String, String> header : reply.headers.entrySet()) {
                concrete = concrete.withHeader(header.getKey(), header.getValue());
            }
            reply = withTiming(concrete, reply);
        }
        send(ctx, reply, reply.chunks, requestId);
    }

    /**
     * Azure's 401 when the simulator requires credentials and the request carries neither the expected {@code api-key}
     * nor a valid Entra token; null when it may pass.
     */
    private Reply azureRefusal(Map<String, String> headers) {
        if (!simulator.credentialsRequired()) {
            return null;
        }
        String key = headers.get("api-key");
        if (key != null) {
            return key.equals(simulator.expectedApiKey()) ? null : AzureRoute.INVALID_KEY;
        }
        String authorization = headers.getOrDefault("authorization", "");
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && simulator.entra().valid(authorization.substring(7).trim())) {
            return null;
        }
        return AzureRoute.INVALID_TOKEN;
    }

    /** OpenAI's request-limit headers, as the simulator's rate limit stands after this request. */
    private static Reply withRateLimitHeaders(Reply reply, RateLimitWindow.Decision limit) {
        return reply.withHeader("x-ratelimit-limit-requests", String.valueOf(limit.limit()))
                .withHeader("x-ratelimit-remaining-requests", String.valueOf(limit.remaining()))
                .withHeader("x-ratelimit-reset-requests", RateLimitWindow.goDuration(limit.resetNanos()));
    }

    /** Carries delay, pace and faults of the scripted answer over to the concrete reply built for this request. */
    private static Reply withTiming(Reply concrete, Reply script) {
        Reply result = concrete.delayedBetween(java.time.Duration.ofMillis(script.delayMillis),
                java.time.Duration.ofMillis(script.delayMillis + script.jitterMillis))
                .paced(java.time.Duration.ofMillis(script.paceMillis));
        if (script.cutAfterChunks >= 0) {
            result = result.cutAfterChunks(script.cutAfterChunks);
        }
        if (script.stallAfterChunks >= 0) {
            result = result.stallAfterChunks(script.stallAfterChunks);
        }
        if (script.slowFraction > 0) {
            result = result.sometimesDelayed(script.slowFraction, java.time.Duration.ofMillis(script.slowMillis));
        }
        return result;
    }

    private void send(ChannelHandlerContext ctx, Reply reply, List<String> chunks, String requestId) {
        long delay = reply.delayMillis
                     + (reply.jitterMillis > 0 ? ThreadLocalRandom.current().nextLong(reply.jitterMillis + 1) : 0);
        if (reply.slowFraction > 0 && ThreadLocalRandom.current().nextDouble() < reply.slowFraction) {
            delay = reply.slowMillis;
        }
        if (delay > 0) {
            ctx.executor().schedule(() -> sendNow(ctx, reply, chunks, requestId), delay, TimeUnit.MILLISECONDS);
        } else {
            sendNow(ctx, reply, chunks, requestId);
        }
    }

    private void sendNow(ChannelHandlerContext ctx, Reply reply, List<String> chunks, String requestId) {
        switch (reply.kind) {
            case STALL -> {
                // say nothing; the client's timeout or the simulator's close ends it
            }
            case RESET -> resetConnection(ctx);
            case BODY -> {
                FullHttpResponse response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(reply.status), Unpooled.wrappedBuffer(reply.body));
                applyHeaders(response, reply, requestId);
                HttpUtil.setContentLength(response, reply.body.length);
                ctx.writeAndFlush(response);
            }
            default -> {
                HttpResponse response = new DefaultHttpResponse(
                        HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(reply.status));
                applyHeaders(response, reply, requestId);
                HttpUtil.setTransferEncodingChunked(response, true);
                ctx.writeAndFlush(response);
                writeChunk(ctx, reply, chunks, 0);
            }
        }
    }

    private void writeChunk(ChannelHandlerContext ctx, Reply reply, List<String> chunks, int index) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (index == reply.cutAfterChunks) {
            cutStream(ctx);
            return;
        }
        if (index == reply.stallAfterChunks) {
            return;
        }
        if (index >= chunks.size() && reply.repeatLast && reply.floodMillis > 0) {
            flood(ctx, reply, chunks.get(chunks.size() - 1).getBytes(StandardCharsets.UTF_8),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(reply.floodMillis), 0);
            return;
        }
        if (index >= chunks.size() && reply.repeatLast) {
            // without end: the next copy goes once this one has left, so nothing piles up in the simulator
            ctx.writeAndFlush(new DefaultHttpContent(
                    Unpooled.copiedBuffer(chunks.get(chunks.size() - 1),
                            StandardCharsets.UTF_8)))
                    .addListener(written -> {
                        if (written.isSuccess()) {
                            ctx.executor().schedule(() -> writeChunk(ctx, reply, chunks, index), reply.paceMillis,
                                    TimeUnit.MILLISECONDS);
                        }
                    });
            return;
        }
        if (index >= chunks.size()) {
            ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
            return;
        }
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(chunks.get(index), StandardCharsets.UTF_8)));
        if (reply.paceMillis > 0) {
            ctx.executor().schedule(() -> writeChunk(ctx, reply, chunks, index + 1), reply.paceMillis,
                    TimeUnit.MILLISECONDS);
        } else {
            writeChunk(ctx, reply, chunks, index + 1);
        }
    }

    /**
     * Writes the chunk again and again until the channel's outbound buffer is full (Netty's high water mark), flushes,
     * and starts the next batch once that one has left: as fast as the client reads, never more than a batch held here.
     * Past the time or byte limit the connection is closed, so a flood always ends.
     */
    private void flood(ChannelHandlerContext ctx, Reply reply, byte[] chunk, long deadlineNanos, long sent) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (sent >= reply.floodBytes || System.nanoTime() - deadlineNanos >= 0) {
            ctx.close();
            return;
        }
        ChannelFuture last;
        long total = sent;
        do {
            last = ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
            total += chunk.length;
        } while (ctx.channel().isWritable() && total < reply.floodBytes);
        ctx.flush();
        long batchEnd = total;
        // why execute: a batch the socket took at once completes inside flush(), and a direct call would recurse
        last.addListener(written -> {
            if (written.isSuccess()) {
                ctx.executor().execute(() -> flood(ctx, reply, chunk, deadlineNanos, batchEnd));
            }
        });
    }

    private static void applyHeaders(HttpResponse response, Reply reply, String requestId) {
        response.headers().set("x-request-id", requestId);
        reply.headers.forEach((name, value) -> response.headers().set(name, value));
        if (!response.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        }
    }

    /** Closes with SO_LINGER 0, so the peer sees a TCP reset rather than an orderly end. */
    /**
     * Cuts a stream mid-way: the connection ends without the closing chunk. The output is shut first (a FIN), so the
     * chunks already written reach the client however late it reads them; a reset at once would make the client's
     * kernel drop what it had not read yet, and a test on a busy machine would see fewer chunks than it was sent.
     */
    private static void cutStream(ChannelHandlerContext ctx) {
        if (ctx.channel() instanceof SocketChannel socket) {
            socket.shutdownOutput().addListener(shut -> ctx.executor().schedule(() -> {
                if (ctx.channel().isActive()) {
                    resetConnection(ctx);
                }
            }, CUT_STREAM_CLOSE_SECONDS, TimeUnit.SECONDS));
        } else {
            resetConnection(ctx);
        }
    }

    /** How long a cut stream's connection stays half open for the client to read what was sent and close it. */
    private static final long CUT_STREAM_CLOSE_SECONDS = 5;

    private static void resetConnection(ChannelHandlerContext ctx) {
        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        ctx.channel().close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
