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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Each event is written straight to its bytes with Jackson's streaming generator (no JSON tree per delta: a stream
 * makes one event per token). Not thread-safe: one stream's events are made one after the other (its relay's deliveries
 * are ordered).
 */
public final class Chunks {

    public static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

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
    public byte[] delta(String text) {
        return chunk(json -> {
            openDelta(json);
            json.writeStringField("content", text);
            closeDelta(json);
        });
    }

    /**
     * A tool-call fragment, as OpenAI streams it: {@code index} always, {@code id}, {@code type} and the function's
     * {@code name} when the fragment opens the call, and {@code function.arguments}, the fragment's piece (SDKs that
     * assemble calls expect {@code function} in every fragment).
     */
    public byte[] toolCall(ToolCallDelta fragment) {
        return chunk(json -> {
            openDelta(json);
            json.writeArrayFieldStart("tool_calls");
            json.writeStartObject();
            json.writeNumberField("index", fragment.index());
            if (fragment.id() != null) {
                json.writeStringField("id", fragment.id());
            }
            if (fragment.type() != null || fragment.id() != null) {
                json.writeStringField("type", fragment.type() == null ? "function" : fragment.type());
            }
            json.writeObjectFieldStart("function");
            if (fragment.name() != null) {
                json.writeStringField("name", fragment.name());
            }
            json.writeStringField("arguments", fragment.arguments());
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndArray();
            closeDelta(json);
        });
    }

    /** Opens the chunk's one choice and its delta ({@code role} if first). */
    private void openDelta(JsonGenerator json) throws IOException {
        json.writeArrayFieldStart("choices");
        json.writeStartObject();
        json.writeNumberField("index", 0);
        json.writeObjectFieldStart("delta");
        if (first) {
            json.writeStringField("role", "assistant");
            first = false;
        }
    }

    /** Closes the delta, then the choice with {@code finish_reason: null}. */
    private static void closeDelta(JsonGenerator json) throws IOException {
        json.writeEndObject();
        json.writeNullField("finish_reason");
        json.writeEndObject();
        json.writeEndArray();
    }

    /** The chunk with an empty delta and the finish reason. */
    public byte[] finish(String finishReason) {
        return chunk(json -> {
            openDelta(json);
            json.writeEndObject();
            json.writeStringField("finish_reason", finishReason == null ? "stop" : finishReason);
            json.writeEndObject();
            json.writeEndArray();
            markContinued(json);
        });
    }

    /**
     * The last chunk when the caller asked for usage: {@code choices: []} and the counts the provider sent; for a
     * stream continued on another provider, the sum over every provider that wrote part of it.
     */
    public byte[] usage(Usage usage) {
        return chunk(json -> {
            json.writeArrayFieldStart("choices");
            json.writeEndArray();
            json.writeObjectFieldStart("usage");
            int prompt = usage.promptTokens() == null ? 0 : usage.promptTokens();
            int completion = usage.completionTokens() == null ? 0 : usage.completionTokens();
            json.writeNumberField("prompt_tokens", prompt);
            json.writeNumberField("completion_tokens", completion);
            json.writeNumberField("total_tokens", usage.totalTokens() == null ? prompt + completion : usage.totalTokens());
            if (usage.cachedTokens() != null) {
                json.writeObjectFieldStart("prompt_tokens_details");
                json.writeNumberField("cached_tokens", usage.cachedTokens());
                json.writeEndObject();
            }
            if (usage.reasoningTokens() != null) {
                json.writeObjectFieldStart("completion_tokens_details");
                json.writeNumberField("reasoning_tokens", usage.reasoningTokens());
                json.writeEndObject();
            }
            json.writeEndObject();
            markContinued(json);
        });
    }

    /** An in-band error: the stream ends after it, without {@code [DONE]}. */
    public byte[] error(GatewayException e) {
        return event(json -> json.writeTree(OpenAiErrors.body(mapper, e)));
    }

    /** A chunk: its identifying fields, then what {@code fields} writes, in one JSON object. */
    private byte[] chunk(Body fields) {
        return event(json -> {
            json.writeStartObject();
            json.writeStringField("id", id);
            json.writeStringField("object", "chat.completion.chunk");
            json.writeNumberField("created", created);
            json.writeStringField("model", model);
            json.writeStringField("provider", provider);
            fields.write(json);
            json.writeEndObject();
        });
    }

    /** A last chunk of a continued stream: which providers broke before the one that finished it. */
    private void markContinued(JsonGenerator json) throws IOException {
        if (!continuedFrom.isEmpty()) {
            json.writeArrayFieldStart("continued_from");
            for (String broken : continuedFrom) {
                json.writeString(broken);
            }
            json.writeEndArray();
        }
    }

    /** {@code data: <json>} and the blank line that ends an SSE event. */
    private byte[] event(Body body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        bytes.write(DATA, 0, DATA.length);
        try (JsonGenerator json = mapper.getFactory().createGenerator(bytes)) {
            body.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a chunk", e);
        }
        bytes.write(END, 0, END.length);
        return bytes.toByteArray();
    }

    /** Writes part of an event. */
    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }
}
