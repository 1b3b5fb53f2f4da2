package io.github.camelinference.camel.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One message of a conversation.
 *
 * @param role       {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content    the text; null only for an assistant message that calls tools
 * @param toolCalls  for an assistant message: the {@code tool_calls} it made, else null
 * @param toolCallId for a tool message: the call it answers, else null
 */
public record ChatMessage(String role, String content, JsonNode toolCalls, String toolCallId) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (content == null && toolCalls == null) {
            throw new NullPointerException("content");
        }
    }

    public ChatMessage(String role, String content) {
        this(role, content, null, null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    /** The assistant's turn that asked for tool calls, to send back with their results. */
    public static ChatMessage assistantToolCalls(String content, JsonNode toolCalls) {
        return new ChatMessage("assistant", content, toolCalls, null);
    }

    /** A tool's result, answering the call with this id. */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, toolCallId);
    }
}
