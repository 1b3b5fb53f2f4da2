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
package io.github.camelinference.camel.inference.chat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.provider.ProviderType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat-completions JSON, both ways: request bodies as each provider expects them, and responses and stream chunks
 * read tolerantly (unknown fields ignored, missing ones null) but strictly framed: a body or chunk must be exactly one
 * JSON object, nothing after it. Knows nothing of Camel or HTTP.
 * <p>
 * Message text is read the same way for a response's {@code message} and a stream's {@code delta} ({@link #readText}):
 * {@code content} as a string or as a list of typed parts, reasoning from {@code reasoning_content}, {@code reasoning}
 * or thinking parts, never mixed into the content.
 */
public final class ChatWireFormat {

    private static final Logger LOG = LoggerFactory.getLogger(ChatWireFormat.class);

    private final ObjectMapper mapper;
    private final ObjectReader strictReader;
    private final Set<String> warnedPartTypes = ConcurrentHashMap.newKeySet();

    public ChatWireFormat(ObjectMapper mapper) {
        this.mapper = mapper;
        // why: without it, "{...} junk" or two objects on one data: line parse as the first object, the rest lost
        this.strictReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The request body for this provider. Only parameters that were set are sent. */
    public byte[] writeRequest(ProviderType provider, ChatParameters p) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", p.model());
        var messages = body.putArray("messages");
        for (ChatMessage message : p.messages()) {
            ObjectNode m = messages.addObject().put("role", message.role());
            if (message.contentParts() != null) {
                m.set("content", message.contentParts());
            } else {
                m.put("content", message.content());
            }
            if (message.toolCalls() != null) {
                // calls a route or a gateway's caller hands back may come in another server's shape
                m.set("tool_calls", ToolCalls.normalise(message.toolCalls()));
            }
            if (message.toolCallId() != null) {
                m.put("tool_call_id", message.toolCallId());
            }
        }
        if (p.tools() != null && !p.tools().isEmpty()) {
            var tools = body.putArray("tools");
            for (ToolSpec tool : p.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                if (tool.description() != null) {
                    function.put("description", tool.description());
                }
                function.set("parameters", tool.parameters());
            }
        }
        putIfSet(body, "temperature", p.temperature());
        putIfSet(body, "top_p", p.topP());
        putIfSet(body, provider.maxTokensField(), p.maxTokens());
        putIfSet(body, "reasoning_effort", p.reasoningEffort());
        putIfSet(body, "verbosity", p.verbosity());
        if (p.stop() != null && !p.stop().isEmpty()) {
            var stop = body.putArray("stop");
            p.stop().forEach(stop::add);
        }
        putIfSet(body, "seed", p.seed());
        putIfSet(body, provider.userField(), p.user());
        if (p.responseFormat() != null) {
            body.set("response_format", p.responseFormat());
        }
        if (p.stream()) {
            body.put("stream", true);
            if (p.includeStreamUsage()) {
                body.putObject("stream_options").put("include_usage", true);
            }
        }
        for (Map.Entry<String, Object> extra : p.extraBody().entrySet()) {
            body.set(extra.getKey(), mapper.valueToTree(extra.getValue()));
        }
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request body: " + e.getOriginalMessage(), e);
        }
    }

    private static void putIfSet(ObjectNode body, String field, Object value) {
        if (value instanceof Double d) {
            body.put(field, d);
        } else if (value instanceof Integer i) {
            body.put(field, i);
        } else if (value instanceof Long l) {
            body.put(field, l);
        } else if (value instanceof String s) {
            body.put(field, s);
        }
    }

    /** Parses a JSON tree; the caller maps {@link IOException} to its malformed-response error. */
    public JsonNode readTree(byte[] json) throws IOException {
        return requireObject(strictReader.readTree(json));
    }

    public JsonNode readTree(String json) throws IOException {
        return requireObject(strictReader.readTree(json));
    }

    /** The tree when it is a JSON object; anything else (an array, a bare value, nothing) is malformed. */
    private static JsonNode requireObject(JsonNode node) throws IOException {
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    /** A non-streamed chat completion. */
    public ChatResponse readResponse(JsonNode root) throws IOException {
        return readResponse(root, null);
    }

    /** A non-streamed chat completion, keeping the bytes it was read from ({@link ChatResponse#rawBytes()}). */
    public ChatResponse readResponse(JsonNode root, byte[] bytes) throws IOException {
        if (!root.has("choices") || !root.get("choices").isArray()) {
            throw new IOException("the response has no 'choices' array");
        }
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (JsonNode choice : root.get("choices")) {
            JsonNode message = choice.path("message");
            MessageText text = readText(message);
            choices.add(new ChatResponse.Choice(
                    choice.path("index").asInt(choices.size()), emptyToNull(text.content()),
                    emptyToNull(text.reasoning()), emptyToNull(text.refusal()), text(choice, "finish_reason"),
                    ToolCalls.normalise(message.get("tool_calls")), array(message.get("annotations")),
                    object(choice.get("logprobs"))));
        }
        return new ChatResponse(
                text(root, "id"), text(root, "model"), List.copyOf(choices), readUsage(root.get("usage")),
                emptyToNull(text(root, "system_fingerprint")), emptyToNull(text(root, "service_tier")), root,
                ContentFilterResults.read(root), bytes);
    }

    /**
     * The text of a {@code message} or a stream {@code delta}: {@code content} as a string or as typed parts (text
     * parts are content, {@code thinking}/{@code reasoning} parts are reasoning, {@code refusal} parts are refusal;
     * another type is skipped, with one warning per type); reasoning from {@code reasoning_content}, else
     * {@code reasoning} (vLLM sends both with the same text).
     */
    public MessageText readText(JsonNode message) {
        if (message == null || !message.isObject()) {
            return MessageText.NONE;
        }
        StringBuilder content = null;
        StringBuilder reasoning = null;
        StringBuilder refusal = null;
        JsonNode contentNode = message.get("content");
        if (contentNode != null && contentNode.isTextual()) {
            content = new StringBuilder(contentNode.asText());
        } else if (contentNode != null && contentNode.isArray()) {
            for (JsonNode part : contentNode) {
                String type = part.path("type").asText("");
                switch (type) {
                    case "text", "output_text" -> content = append(content, partText(part.get("text")));
                    case "thinking", "reasoning" -> reasoning = append(reasoning,
                            partText(part.has("thinking") ? part.get("thinking") : part.get("text")));
                    case "refusal" -> refusal = append(refusal, partText(part.get("refusal")));
                    default -> warnUnknownPart(type);
                }
            }
        }
        String reasoningField = textField(message, "reasoning_content");
        if (reasoningField == null) {
            reasoningField = textField(message, "reasoning");
        }
        if (reasoningField != null) {
            reasoning = append(reasoning, reasoningField);
        }
        String refusalField = textField(message, "refusal");
        if (refusalField != null) {
            refusal = append(refusal, refusalField);
        }
        if (content == null && reasoning == null && refusal == null) {
            return MessageText.NONE;
        }
        return new MessageText(
                content == null ? null : content.toString(),
                reasoning == null ? null : reasoning.toString(), refusal == null ? null : refusal.toString());
    }

    /** A part's text: a string, or (Mistral's thinking parts) a list of text parts. */
    private static String partText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode inner : node) {
                String piece = inner.isTextual() ? inner.asText() : textField(inner, "text");
                if (piece != null) {
                    text.append(piece);
                }
            }
            return text.toString();
        }
        return null;
    }

    private static StringBuilder append(StringBuilder to, String text) {
        if (text == null) {
            return to;
        }
        return to == null ? new StringBuilder(text) : to.append(text);
    }

    /** Warns once per unknown part type for this component, so a stream of such parts does not flood the log. */
    private void warnUnknownPart(String type) {
        if (warnedPartTypes.add(type)) {
            LOG.warn("Skipped a content part of type '{}', which carries no answer or reasoning text known to"
                     + " camel-inference; further parts of this type are skipped silently",
                    type);
        } else {
            LOG.debug("Skipped a content part of type '{}'", type);
        }
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** "" and null both mean no text: an answer reads the same streamed or not. */
    public static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * Usage as any provider sends it, or {@link Usage#NONE}. Counts are read as long, never wrapped; usage that cannot
     * be true (negative, beyond int, not a whole number, more cached than prompt tokens) is {@link Usage#malformed}.
     */
    public static Usage readUsage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        List<String> problems = new ArrayList<>();
        Integer prompt = count(usage.get("prompt_tokens"), "prompt_tokens", problems);
        Integer completion = count(usage.get("completion_tokens"), "completion_tokens", problems);
        Integer total = count(usage.get("total_tokens"), "total_tokens", problems);
        Integer cached = count(usage.path("prompt_tokens_details").get("cached_tokens"), "cached_tokens", problems);
        Integer reasoning = count(usage.path("completion_tokens_details").get("reasoning_tokens"), "reasoning_tokens",
                problems);
        if (cached != null && prompt != null && cached > prompt) {
            problems.add("cached_tokens " + cached + " exceeds prompt_tokens " + prompt);
        }
        if (!problems.isEmpty()) {
            return Usage.malformed(String.join("; ", problems));
        }
        return new Usage(prompt, completion, total, cached, reasoning);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode array(JsonNode node) {
        return node != null && node.isArray() && !node.isEmpty() ? node : null;
    }

    private static JsonNode object(JsonNode node) {
        return node != null && node.isObject() ? node : null;
    }

    /** A token count: null when absent, else a whole number from 0 to int's maximum, or a problem noted. */
    private static Integer count(JsonNode node, String field, List<String> problems) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (!node.isNumber() || !(node.isIntegralNumber() || node.canConvertToExactIntegral())) {
            problems.add(field + " is not a whole number: " + excerpt(node));
            return null;
        }
        long value = node.canConvertToLong() ? node.longValue() : Long.MAX_VALUE;
        if (value < 0 || value > Integer.MAX_VALUE) {
            problems.add(field + " is out of range: " + excerpt(node));
            return null;
        }
        return (int) value;
    }

    private static String excerpt(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
