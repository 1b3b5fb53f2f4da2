package io.github.camelinference.camel.inference.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.Usage;

import java.util.List;

/**
 * Builds one {@link ChatResponse} from the chunks of a stream. Tolerates what real servers do: usage in every chunk
 * (running totals: the last wins), only at the end, in a chunk with no choices, or never; finish reasons outside
 * OpenAI's list; a finish reason of null on the last chunk.
 */
public final class StreamAccumulator {

    private final StringBuilder content = new StringBuilder();
    private String id;
    private String model;
    private String finishReason;
    private String refusal;
    private Usage usage = Usage.NONE;
    private boolean sawChoice;

    /**
     * Reads one chunk.
     *
     * @return the text delta of the first choice, or null when the chunk carries none
     */
    public String accept(JsonNode chunk) {
        id = keep(id, chunk.get("id"));
        model = keep(model, chunk.get("model"));
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) {
            usage = ChatWireFormat.readUsage(usageNode);
        }
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            return null;
        }
        JsonNode choice = choices.get(0);
        sawChoice = true;
        JsonNode reason = choice.get("finish_reason");
        if (reason != null && !reason.isNull() && !reason.asText().isEmpty()) {
            finishReason = reason.asText();
        }
        JsonNode delta = choice.has("delta") ? choice.get("delta") : choice.path("message");
        JsonNode refusalNode = delta.get("refusal");
        if (refusalNode != null && !refusalNode.isNull()) {
            refusal = (refusal == null ? "" : refusal) + refusalNode.asText();
        }
        JsonNode text = delta.get("content");
        if (text == null || text.isNull() || text.asText().isEmpty()) {
            return null;
        }
        content.append(text.asText());
        return text.asText();
    }

    private static String keep(String current, JsonNode candidate) {
        if (current != null && !current.isEmpty()) {
            return current;
        }
        return candidate == null || candidate.isNull() ? current : candidate.asText();
    }

    /** Whether the stream said it was finished (a finish reason arrived). */
    public boolean finished() {
        return finishReason != null;
    }

    public boolean sawAnyChoice() {
        return sawChoice;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    /** How many characters of answer text (refusal included) the stream has carried so far: what limits check. */
    public int size() {
        return content.length() + (refusal == null ? 0 : refusal.length());
    }

    public String text() {
        return content.toString();
    }

    public ChatResponse toResponse() {
        ChatResponse.Choice choice = new ChatResponse.Choice(0, content.toString(), refusal, finishReason, null);
        return new ChatResponse(id, model, List.of(choice), usage, null);
    }
}
