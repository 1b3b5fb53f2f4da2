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
package io.github.camelinference.camel.inference.gateway.openai;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.camel.inference.stream.ToolCallDelta;

/**
 * The SSE events of one streamed answer, in OpenAI's {@code chat.completion.chunk} shape: a role delta with the first
 * text or tool call, one delta per text or tool-call fragment, a finish chunk, an optional usage chunk with
 * {@code choices: []}, then {@code [DONE]}.
 * <p>
 * Every chunk names the provider whose output it carries in a top-level {@code provider} field (OpenRouter's precedent;
 * OpenAI's SDKs ignore fields they do not know), and {@code model} is that provider's model: both change when a
 * failover step continues the stream on another provider. The finish and usage chunks of a continued stream also carry
 * {@code continued_from}, the providers whose streams broke, in order.
 * <p>
 * Not thread-safe: one stream's events are made one after the other (its relay's deliveries are ordered).
 */
public final class Chunks {

    public static final String DONE = "data: [DONE]\n\n";

    private final ObjectMapper mapper;
    private final String id;
    private final long created;
    private final List<String> continuedFrom = new ArrayList<>();
    private String model;
    private String provider;
    private boolean first = true;

    public Chunks(ObjectMapper mapper, String id, long created, String model, String provider) {
        this.mapper = mapper;
        this.id = id;
        this.created = created;
        this.model = model;
        this.provider = provider;
    }

    /**
     * Another provider continues the stream: the chunks from here on name it (and its model, when known), and the last
     * ones say which provider broke.
     */
    public void continuedOn(String nextProvider, String nextModel) {
        continuedFrom.add(provider);
        provider = nextProvider == null ? "unknown" : nextProvider;
        if (nextModel != null) {
            model = nextModel;
        }
    }

    /** A text delta; the first also carries {@code role: assistant}. */
    public String delta(String text) {
        ObjectNode chunk = chunk();
        ObjectNode delta = openDelta(chunk);
        delta.put("content", text);
        return event(chunk);
    }

    /**
     * A tool-call fragment, as OpenAI streams it: {@code index} always, {@code id}, {@code type} and the function's
     * {@code name} when the fragment opens the call, and {@code function.arguments}, the fragment's piece (SDKs that
     * assemble calls expect {@code function} in every fragment).
     */
    public String toolCall(ToolCallDelta fragment) {
        ObjectNode chunk = chunk();
        ObjectNode call = openDelta(chunk).putArray("tool_calls").addObject().put("index", fragment.index());
        if (fragment.id() != null) {
            call.put("id", fragment.id());
        }
        if (fragment.type() != null || fragment.id() != null) {
            call.put("type", fragment.type() == null ? "function" : fragment.type());
        }
        ObjectNode function = call.putObject("function");
        if (fragment.name() != null) {
            function.put("name", fragment.name());
        }
        function.put("arguments", fragment.arguments());
        return event(chunk);
    }

    /** Under a new chunk: its one choice, with {@code finish_reason: null} and a delta ({@code role} if first). */
    private ObjectNode openDelta(ObjectNode chunk) {
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        choice.putNull("finish_reason");
        if (first) {
            delta.put("role", "assistant");
            first = false;
        }
        return delta;
    }

    /** The chunk with an empty delta and the finish reason. */
    public String finish(String finishReason) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (first) {
            delta.put("role", "assistant");
            first = false;
        }
        choice.put("finish_reason", finishReason == null ? "stop" : finishReason);
        markContinued(chunk);
        return event(chunk);
    }

    /**
     * The last chunk when the caller asked for usage: {@code choices: []} and the counts the provider sent; for a
     * stream continued on another provider, the sum over every provider that wrote part of it.
     */
    public String usage(Usage usage) {
        ObjectNode chunk = chunk();
        chunk.putArray("choices");
        ObjectNode u = chunk.putObject("usage");
        int prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
        int completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", usage.totalTokens() == null ? prompt + completion : usage.totalTokens());
        if (usage.cachedTokens() != null) {
            u.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedTokens());
        }
        if (usage.reasoningTokens() != null) {
            u.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        markContinued(chunk);
        return event(chunk);
    }

    /** An in-band error: the stream ends after it, without {@code [DONE]}. */
    public String error(GatewayException e) {
        return event(OpenAiErrors.body(mapper, e));
    }

    private ObjectNode chunk() {
        ObjectNode chunk = mapper.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("provider", provider);
        return chunk;
    }

    /** A last chunk of a continued stream: which providers broke before the one that finished it. */
    private void markContinued(ObjectNode chunk) {
        if (!continuedFrom.isEmpty()) {
            ArrayNode from = chunk.putArray("continued_from");
            continuedFrom.forEach(from::add);
        }
    }

    private String event(ObjectNode node) {
        try {
            return "data: " + mapper.writeValueAsString(node) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chunk", e);
        }
    }
}
