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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request a route builds itself and sends as the message body: the conversation plus per-call overrides. Anything
 * left null falls back to the message headers, then to the endpoint's options.
 */
public final class ChatRequest {

    private final List<ChatMessage> messages = new ArrayList<>();
    private String model;
    private Double temperature;
    private Integer maxTokens;
    private final Map<String, Object> extraBody = new LinkedHashMap<>();

    public static ChatRequest of(ChatMessage... messages) {
        ChatRequest request = new ChatRequest();
        request.messages.addAll(List.of(messages));
        return request;
    }

    public ChatRequest message(ChatMessage message) {
        messages.add(message);
        return this;
    }

    public ChatRequest model(String model) {
        this.model = model;
        return this;
    }

    public ChatRequest temperature(Double temperature) {
        this.temperature = temperature;
        return this;
    }

    public ChatRequest maxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
        return this;
    }

    /** A field sent as-is in the JSON body (for parameters the component has no option for). */
    public ChatRequest extra(String field, Object value) {
        extraBody.put(field, value);
        return this;
    }

    public List<ChatMessage> getMessages() {
        return List.copyOf(messages);
    }

    public String getModel() {
        return model;
    }

    public Double getTemperature() {
        return temperature;
    }

    public Integer getMaxTokens() {
        return maxTokens;
    }

    public Map<String, Object> getExtraBody() {
        return Map.copyOf(extraBody);
    }
}
