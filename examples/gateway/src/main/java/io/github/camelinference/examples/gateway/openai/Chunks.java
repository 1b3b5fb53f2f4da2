package io.github.camelinference.examples.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.chat.Usage;

/**
 * The SSE events of one streamed answer, in OpenAI's {@code chat.completion.chunk} shape: a role delta with the first
 * text, one delta per text, a finish chunk, an optional usage chunk with {@code choices: []}, then {@code [DONE]}.
 */
public final class Chunks {

    public static final String DONE = "data: [DONE]\n\n";

    private final ObjectMapper mapper;
    private final String id;
    private final long created;
    private final String model;
    private boolean first = true;

    public Chunks(ObjectMapper mapper, String id, long created, String model) {
        this.mapper = mapper;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** A text delta; the first also carries {@code role: assistant}. */
    public String delta(String text) {
        ObjectNode chunk = chunk();
        ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
        if (first) {
            delta.put("role", "assistant");
            first = false;
        }
        delta.put("content", text);
        ((ObjectNode) chunk.get("choices").get(0)).putNull("finish_reason");
        return event(chunk);
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
        return event(chunk);
    }

    /** The last chunk when the caller asked for usage: {@code choices: []} and the counts the provider sent. */
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
        return event(chunk);
    }

    /**
     * A whole answer as one stream: the message (text and tool calls, each call given its {@code index}) in one
     * delta, the finish chunk, the usage chunk when asked for, {@code [DONE]}. For answers that were not streamed
     * from the provider (a streamed request with tools, whose streamed tool calls the component does not assemble).
     */
    public String whole(JsonNode completion, boolean includeUsage) {
        StringBuilder events = new StringBuilder();
        JsonNode choice = completion.path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode chunk = chunk();
        ObjectNode delta = chunk.putArray("choices").addObject().put("index", 0).putObject("delta");
        delta.put("role", "assistant");
        first = false;
        if (message.hasNonNull("content")) {
            delta.put("content", message.get("content").asText());
        }
        JsonNode calls = message.get("tool_calls");
        if (calls != null && calls.isArray()) {
            ArrayNode indexed = delta.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                indexed.add(((ObjectNode) calls.get(i).deepCopy()).put("index", i));
            }
        }
        ((ObjectNode) chunk.get("choices").get(0)).putNull("finish_reason");
        events.append(event(chunk));
        events.append(finish(choice.path("finish_reason").asText("stop")));
        if (includeUsage && completion.path("usage").isObject()) {
            ObjectNode last = chunk();
            last.putArray("choices");
            last.set("usage", completion.get("usage"));
            events.append(event(last));
        }
        return events.append(DONE).toString();
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
        return chunk;
    }

    private String event(ObjectNode node) {
        try {
            return "data: " + mapper.writeValueAsString(node) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a chunk", e);
        }
    }
}
