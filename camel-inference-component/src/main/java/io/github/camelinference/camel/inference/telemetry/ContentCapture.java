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
package io.github.camelinference.camel.inference.telemetry;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatResponse;

/**
 * Prompts and answers as the conventions' {@code gen_ai.input.messages} and {@code gen_ai.output.messages} JSON
 * ({@code [{role, parts: [{type, content}]}]}), only with {@code captureContent=true}. The text of all parts together
 * is cut at {@code captureContentMaxChars}, keeping the JSON whole; a cut is flagged on the span.
 */
final class ContentCapture {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON, and whether some text was cut. */
    record Captured(String json, boolean truncated) {
    }

    private final int maxChars;
    private int left;
    private boolean truncated;

    private ContentCapture(int maxChars) {
        this.maxChars = maxChars;
        this.left = maxChars;
    }

    static Captured input(List<ChatMessage> messages, int maxChars) {
        ContentCapture capture = new ContentCapture(maxChars);
        ArrayNode out = JSON.createArrayNode();
        for (ChatMessage message : messages) {
            ObjectNode m = out.addObject();
            m.put("role", message.role());
            ArrayNode parts = m.putArray("parts");
            if ("tool".equals(message.role())) {
                ObjectNode part = parts.addObject().put("type", "tool_call_response").put("id", message.toolCallId());
                part.put("response", capture.cut(message.content()));
                continue;
            }
            if (message.content() != null && !message.content().isEmpty()) {
                parts.addObject().put("type", "text").put("content", capture.cut(message.content()));
            }
            capture.toolCalls(parts, message.toolCalls());
        }
        return new Captured(out.toString(), capture.truncated);
    }

    static Captured output(ChatResponse response, int maxChars) {
        ContentCapture capture = new ContentCapture(maxChars);
        ArrayNode out = JSON.createArrayNode();
        for (ChatResponse.Choice choice : response.choices()) {
            ObjectNode m = out.addObject();
            m.put("role", "assistant");
            ArrayNode parts = m.putArray("parts");
            if (choice.content() != null) {
                parts.addObject().put("type", "text").put("content", capture.cut(choice.content()));
            }
            capture.toolCalls(parts, choice.toolCalls());
            m.put("finish_reason", choice.finishReason());
        }
        return new Captured(out.toString(), capture.truncated);
    }

    private void toolCalls(ArrayNode parts, JsonNode calls) {
        if (calls == null) {
            return;
        }
        for (JsonNode call : calls) {
            parts.addObject().put("type", "tool_call").put("id", call.path("id").asText(null))
                    .put("name", call.path("function").path("name").asText(null))
                    .put("arguments", cut(call.path("function").path("arguments").asText("")));
        }
    }

    /** The text within what is left of the cap. */
    private String cut(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() <= left) {
            left -= text.length();
            return text;
        }
        truncated = true;
        String kept = text.substring(0, Math.max(0, left));
        left = 0;
        return kept;
    }

    @Override
    public String toString() {
        return "ContentCapture[maxChars=" + maxChars + "]";
    }
}
