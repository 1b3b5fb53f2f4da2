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
package io.github.camelinference.camel.inference.producer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.BoundTool;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import static io.github.camelinference.camel.inference.producer.CallFailures.invalidInput;

/** Resolves what one message asks for from its body, its headers and the endpoint's options, in that order. */
public final class MessageParameters {

    private MessageParameters() {
    }

    /** Reads body, headers and options once, in one place. */
    public static ChatParameters of(EndpointOptions options, Exchange exchange) {
        EndpointOptions.MessageDefaults defaults = options.defaults();
        String provider = options.provider();
        Message in = exchange.getMessage();
        Object body = in.getBody();
        ChatRequest request = body instanceof ChatRequest r ? r : null;

        String systemPrompt = firstNonNull(header(provider, exchange, InferenceConstants.SYSTEM_PROMPT, String.class),
                defaults.systemPrompt());
        List<ChatMessage> messages = new ArrayList<>();
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            messages.add(ChatMessage.system(systemPrompt));
        }
        messages.addAll(messages(provider, exchange, body, request));
        continuation(exchange, messages);
        if (messages.stream().noneMatch(m -> !"system".equals(m.role()) && !"developer".equals(m.role()))) {
            throw invalidInput(provider, "the message body has no prompt: send a String, a List of ChatMessage or"
                                         + " {role, content} maps, or a ChatRequest");
        }

        String model = firstNonNull(request == null ? null : request.getModel(),
                header(provider, exchange, InferenceConstants.MODEL, String.class), options.model());
        Double temperature = firstNonNull(request == null ? null : request.getTemperature(),
                header(provider, exchange, InferenceConstants.TEMPERATURE, Double.class), defaults.temperature());
        Integer maxTokens = firstNonNull(request == null ? null : request.getMaxTokens(),
                header(provider, exchange, InferenceConstants.MAX_TOKENS, Integer.class), defaults.maxTokens());
        Map<String, Object> extra = defaults.extraBody();
        if (request != null && !request.getExtraBody().isEmpty()) {
            extra = new LinkedHashMap<>(extra);
            extra.putAll(request.getExtraBody());
        }
        return new ChatParameters(
                options.modelId(model), messages, temperature, defaults.topP(), maxTokens,
                defaults.reasoningEffort(), defaults.verbosity(), defaults.stop(), defaults.seed(),
                defaults.user(), options.output().responseFormat(), defaults.stream(), defaults.includeStreamUsage(),
                extra, options.tools().values().stream().map(BoundTool::spec).toList());
    }

    /**
     * A failover step continuing an answer that broke mid-stream: the text already delivered goes last, as the
     * assistant's unfinished answer to extend (a prefill), or followed by an instruction to continue it.
     */
    private static void continuation(Exchange exchange, List<ChatMessage> messages) {
        String delivered = exchange.getProperty(InferenceConstants.CONTINUE_FROM_PROPERTY, String.class);
        if (delivered == null) {
            return;
        }
        messages.add(ChatMessage.assistant(delivered));
        if ("instruction".equals(exchange.getProperty(InferenceConstants.CONTINUE_MODE_PROPERTY))) {
            messages.add(ChatMessage.user(InferenceConstants.CONTINUE_INSTRUCTION));
        }
    }

    /**
     * This message's timeouts: the endpoint's, or the ones its headers set; a message that asks for a reasoning effort
     * of its own (a ChatRequest's {@code reasoning_effort}, as a gateway forwards it) gets that effort's first-token
     * and idle timeouts where the endpoint leaves them to the model.
     */
    public static CallTimeouts timeouts(EndpointOptions options, Exchange exchange) {
        Long request = header(options.provider(), exchange, InferenceConstants.REQUEST_TIMEOUT, Long.class);
        Long firstToken = header(options.provider(), exchange, InferenceConstants.FIRST_TOKEN_TIMEOUT, Long.class);
        for (Long millis : new Long[] { request, firstToken }) {
            if (millis != null && millis <= 0) {
                throw invalidInput(options.provider(), "timeout headers take a positive number of milliseconds, got " + millis);
            }
        }
        Long streamIdle = null;
        String effort = ownReasoningEffort(options, exchange);
        if (effort != null) {
            firstToken = firstToken != null ? firstToken : options.pacing().firstTokenTimeout(effort).toMillis();
            streamIdle = options.pacing().streamIdleTimeout(effort).toMillis();
        }
        return request == null && firstToken == null && streamIdle == null
                ? options.timeouts()
                : CallTimeouts.of(options.client(), request, firstToken, streamIdle);
    }

    /** The reasoning effort the message's body asks for, when it differs from the endpoint's; else null. */
    private static String ownReasoningEffort(EndpointOptions options, Exchange exchange) {
        Object asked = exchange.getMessage().getBody() instanceof ChatRequest request
                ? request.getExtraBody().get("reasoning_effort") : null;
        if (asked == null) {
            asked = options.defaults().extraBody().get("reasoning_effort");
        }
        // why both: a Java route puts a String, a gateway forwards the caller's JSON as it came
        String effort = asked instanceof String text ? text
                : asked instanceof JsonNode json && json.isTextual() ? json.asText() : null;
        return effort != null && !effort.equals(options.defaults().reasoningEffort()) ? effort : null;
    }

    /** The budget this message spends from: its header, else the endpoint's budgetKey. */
    static String budgetKey(EndpointOptions options, Exchange exchange) {
        return firstNonNull(header(options.provider(), exchange, InferenceConstants.BUDGET_KEY, String.class),
                options.spending().budgetKey());
    }

    /** A per-message override; a value that is there but not of the right type is an error, never ignored. */
    private static <T> T header(String provider, Exchange exchange, String name, Class<T> type) {
        Object value = exchange.getMessage().getHeader(name);
        if (value == null) {
            return null;
        }
        T converted;
        try {
            converted = exchange.getContext().getTypeConverter().tryConvertTo(type, exchange, value);
        } catch (RuntimeException e) {
            converted = null;
        }
        if (converted == null) {
            throw invalidInput(provider, "header " + name + " must be a " + type.getSimpleName() + ", was '" + value
                                         + "'");
        }
        return converted;
    }

    /** The conversation in the body: a ChatRequest's, a ChatMessage, a list of them or of maps, or one prompt. */
    private static List<ChatMessage> messages(
            String provider, Exchange exchange, Object body, ChatRequest request) {
        if (request != null) {
            return request.getMessages();
        }
        if (body instanceof ChatMessage message) {
            return List.of(message);
        }
        if (body instanceof List<?> list) {
            List<ChatMessage> messages = new ArrayList<>(list.size());
            for (Object item : list) {
                if (item instanceof ChatMessage message) {
                    messages.add(message);
                } else if (item instanceof Map<?, ?> map && map.get("role") != null && map.get("content") != null) {
                    messages.add(new ChatMessage(map.get("role").toString(), map.get("content").toString()));
                } else {
                    throw invalidInput(provider, "message " + messages.size() + " of the body is not a ChatMessage"
                                                 + " or a map with 'role' and 'content': "
                                                 + (item == null ? "null" : item.getClass().getName()));
                }
            }
            return messages;
        }
        String prompt = body == null
                ? null
                : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
        return prompt == null || prompt.isBlank() ? List.of() : List.of(ChatMessage.user(prompt));
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
