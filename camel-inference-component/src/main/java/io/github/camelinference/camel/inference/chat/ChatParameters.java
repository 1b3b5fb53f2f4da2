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

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything that goes into one request body, already resolved from options, headers and body. Null means "not set":
 * the field is not sent, so the provider's default applies (reasoning models reject sampling parameters otherwise).
 */
public record ChatParameters(String model, List<ChatMessage> messages, Double temperature, Double topP,
        Integer maxTokens, String reasoningEffort, String verbosity, List<String> stop,
        Long seed, String user, JsonNode responseFormat, boolean stream,
        boolean includeStreamUsage, Map<String, Object> extraBody, List<ToolSpec> tools) {

    /** The same request to another model (a retired model's successor). */
    public ChatParameters withModel(String newModel) {
        return new ChatParameters(
                newModel, messages, temperature, topP, maxTokens, reasoningEffort, verbosity, stop,
                seed, user, responseFormat, stream, includeStreamUsage, extraBody, tools);
    }

    /** The same request with another conversation (a re-ask, or the next round of a tool loop). */
    public ChatParameters withMessages(List<ChatMessage> newMessages) {
        return new ChatParameters(
                model, newMessages, temperature, topP, maxTokens, reasoningEffort, verbosity, stop,
                seed, user, responseFormat, stream, includeStreamUsage, extraBody, tools);
    }

    /** The same request with another output token limit (a budget's reserved maximum, sent as the provider's cap). */
    public ChatParameters withMaxTokens(Integer newMaxTokens) {
        return new ChatParameters(
                model, messages, temperature, topP, newMaxTokens, reasoningEffort, verbosity, stop,
                seed, user, responseFormat, stream, includeStreamUsage, extraBody, tools);
    }
}
