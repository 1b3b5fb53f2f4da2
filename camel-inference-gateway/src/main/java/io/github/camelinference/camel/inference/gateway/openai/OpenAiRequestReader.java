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
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;

/**
 * Reads an OpenAI chat-completions request body into a {@link ChatRequest}. Knows nothing of Camel.
 * <p>
 * Fields the component maps per provider go to its own slots ({@code max_completion_tokens} / {@code max_tokens} become
 * {@code maxTokens}, written as each provider expects); the others listed in {@link #PASSED} go through as extra body
 * fields, as the client wrote them. {@code model} and {@code stream} select the route; {@code stream_options} is
 * answered by the gateway itself (the providers are always asked for usage, which budgets need). Any other field is
 * forwarded or refused with a 400, as configured.
 */
public final class OpenAiRequestReader {

    /** Fields forwarded to the provider as the client sent them. */
    static final Set<String> PASSED = Set.of("tools", "tool_choice", "parallel_tool_calls", "response_format",
            "reasoning_effort", "verbosity", "stop", "seed", "user", "safety_identifier", "prompt_cache_key",
            "temperature", "top_p", "n", "logprobs", "top_logprobs", "presence_penalty", "frequency_penalty",
            "logit_bias", "metadata", "store", "service_tier", "modalities", "prediction", "audio",
            "web_search_options");

    /** Fields the gateway itself reads. */
    static final Set<String> OWN = Set.of("model", "messages", "stream", "stream_options", "max_completion_tokens",
            "max_tokens");

    private final ObjectMapper mapper;
    private final boolean forwardUnknownFields;

    public OpenAiRequestReader(ObjectMapper mapper, boolean forwardUnknownFields) {
        this.mapper = mapper;
        this.forwardUnknownFields = forwardUnknownFields;
    }

    public ParsedRequest read(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw GatewayException.badRequest("invalid_json", "The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw GatewayException.badRequest("invalid_json", "The body could not be read.");
        }
        if (root == null || !root.isObject()) {
            throw GatewayException.badRequest("invalid_json", "The body must be a JSON object.");
        }
        String model = root.path("model").asText("");
        if (model.isBlank()) {
            throw GatewayException.badRequest("missing_required_parameter", "You must provide a model parameter.");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayException.badRequest("missing_required_parameter",
                    "'messages' must be a non-empty array of messages.");
        }
        ChatRequest request = new ChatRequest();
        for (int i = 0; i < messages.size(); i++) {
            request.message(message(messages.get(i), i));
        }
        JsonNode maxTokens = root.has("max_completion_tokens")
                ? root.get("max_completion_tokens")
                : root.get("max_tokens");
        if (maxTokens != null && !maxTokens.isNull()) {
            if (!maxTokens.canConvertToInt() || maxTokens.asInt() <= 0) {
                throw GatewayException.badRequest("invalid_value", "'max_completion_tokens' must be a positive integer.");
            }
            request.maxTokens(maxTokens.asInt());
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (OWN.contains(name) || field.getValue().isNull()) {
                continue;
            }
            if (!PASSED.contains(name) && !forwardUnknownFields) {
                throw GatewayException.badRequest("unknown_parameter", "Unrecognized request argument supplied: "
                                                                       + name);
            }
            request.extra(name, field.getValue());
        }
        boolean stream = root.path("stream").asBoolean(false);
        boolean includeUsage = root.path("stream_options").path("include_usage").asBoolean(false);
        return new ParsedRequest(model, stream, includeUsage, request);
    }

    /** One message: text or content parts, an assistant's tool calls, a tool's result. */
    private static ChatMessage message(JsonNode m, int index) {
        String role = m.path("role").asText("");
        if (role.isEmpty()) {
            throw GatewayException.badRequest("invalid_value", "messages[" + index + "].role is missing.");
        }
        JsonNode content = m.get("content");
        if (content != null && !content.isNull() && !content.isTextual() && !content.isArray()) {
            throw GatewayException.badRequest("invalid_type", "messages[" + index + "].content must be a string or an"
                                                              + " array of content parts.");
        }
        JsonNode toolCalls = m.get("tool_calls");
        if ("assistant".equals(role) && toolCalls != null && toolCalls.isArray() && !toolCalls.isEmpty()) {
            return ChatMessage.assistantToolCalls(text(content), toolCalls);
        }
        if ("tool".equals(role)) {
            String id = m.path("tool_call_id").asText("");
            if (id.isEmpty()) {
                throw GatewayException.badRequest("invalid_value", "messages[" + index + "].tool_call_id is missing.");
            }
            String result = text(content);
            return ChatMessage.toolResult(id, result == null ? "" : result);
        }
        if (content == null || content.isNull()) {
            throw GatewayException.badRequest("invalid_value", "messages[" + index + "].content is missing.");
        }
        // why: parts (text, images, audio, files) go to the provider as the client wrote them
        return content.isArray() ? ChatMessage.ofParts(role, content) : new ChatMessage(role, content.asText());
    }

    /** A string, or the text parts of an array joined (tool results and assistant turns are text). */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        return content.isArray() ? ChatMessage.ofParts("tool", content).content() : content.asText();
    }
}
