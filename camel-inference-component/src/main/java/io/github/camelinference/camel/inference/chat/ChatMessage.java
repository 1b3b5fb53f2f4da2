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

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message of a conversation.
 *
 * @param role         {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content      the text; null only for an assistant message that calls tools
 * @param toolCalls    for an assistant message: the {@code tool_calls} it made (a JSON array), else null; sent in
 *                     OpenAI's shape whatever shape they came in ({@link ToolCalls#normalise})
 * @param toolCallId   for a tool message: the call it answers, else null
 * @param contentParts the content as an array of typed parts ({@code text}, {@code image_url}, {@code input_audio},
 *                     {@code file}), sent as given instead of {@code content}; else null. {@code content} then holds
 *                     the text parts, joined by new lines
 */
public record ChatMessage(String role, String content, JsonNode toolCalls, String toolCallId, JsonNode contentParts) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        if (content == null && toolCalls == null) {
            throw new NullPointerException("content");
        }
        if (toolCalls != null && !toolCalls.isArray()) {
            throw new IllegalArgumentException(
                    "toolCalls must be a JSON array of tool calls, was "
                                               + toolCalls.getNodeType());
        }
        if (contentParts != null && !contentParts.isArray()) {
            throw new IllegalArgumentException("contentParts must be a JSON array, was " + contentParts.getNodeType());
        }
    }

    public ChatMessage(String role, String content, JsonNode toolCalls, String toolCallId) {
        this(role, content, toolCalls, toolCallId, null);
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

    /** A message whose content is an array of parts (text, images, audio, files), sent to the provider as given. */
    public static ChatMessage ofParts(String role, JsonNode parts) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : parts) {
            if ("text".equals(part.path("type").asText())) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText(""));
            }
        }
        return new ChatMessage(role, text.toString(), null, null, parts);
    }

    /** A tool's result, answering the call with this id. */
    public static ChatMessage toolResult(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, toolCallId);
    }
}
