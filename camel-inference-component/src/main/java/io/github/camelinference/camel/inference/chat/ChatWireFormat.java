package io.github.camelinference.camel.inference.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.provider.ProviderType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The chat-completions JSON, both ways: request bodies as each provider expects them, and responses and stream chunks
 * read tolerantly (unknown fields ignored, missing ones null). Knows nothing of Camel or HTTP.
 */
public final class ChatWireFormat {

    private final ObjectMapper mapper;

    public ChatWireFormat(ObjectMapper mapper) {
        this.mapper = mapper;
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
                m.set("tool_calls", message.toolCalls());
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
        JsonNode node = mapper.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    public JsonNode readTree(String json) throws IOException {
        JsonNode node = mapper.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object but got " + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    /** A non-streamed chat completion. */
    public ChatResponse readResponse(JsonNode root) throws IOException {
        if (!root.has("choices") || !root.get("choices").isArray()) {
            throw new IOException("the response has no 'choices' array");
        }
        List<ChatResponse.Choice> choices = new ArrayList<>();
        for (JsonNode choice : root.get("choices")) {
            JsonNode message = choice.path("message");
            choices.add(new ChatResponse.Choice(choice.path("index").asInt(choices.size()), text(message, "content"),
                    text(message, "refusal"), text(choice, "finish_reason"), array(message.get("tool_calls"))));
        }
        return new ChatResponse(text(root, "id"), text(root, "model"), List.copyOf(choices), readUsage(root.get("usage")),
                root);
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

    /** A short, safe rendering of a provider's value for a message. */
    private static String excerpt(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
