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

import java.nio.charset.StandardCharsets;

/**
 * An upper bound on a request's prompt tokens, known before it is sent, for reserving its cost against a budget.
 * Byte-level tokenizers (GPT, Llama, Mistral, Qwen) never put less than one byte of text in a token, so the UTF-8 size
 * of everything the model reads, plus a few tokens of chat framing per message, bounds the count from above.
 */
public final class PromptEstimate {

    /** Tokens of chat template per message (role markers, separators): 4 in OpenAI's format; kept generous. */
    static final int FRAMING_PER_MESSAGE = 8;
    /** Tokens of framing per request (the assistant priming, the tool preamble). */
    static final int FRAMING_PER_REQUEST = 16;

    private PromptEstimate() {
    }

    /** At least as many tokens as the prompt of this request can have. */
    public static long upperBound(ChatParameters parameters) {
        long tokens = FRAMING_PER_REQUEST;
        for (ChatMessage message : parameters.messages()) {
            tokens += FRAMING_PER_MESSAGE + bytes(message.role()) + bytes(message.content())
                      + bytes(message.toolCallId())
                      + (message.toolCalls() == null ? 0 : bytes(message.toolCalls().toString()));
        }
        if (parameters.tools() != null) {
            for (ToolSpec tool : parameters.tools()) {
                tokens += FRAMING_PER_MESSAGE + bytes(tool.name()) + bytes(tool.description())
                          + (tool.parameters() == null ? 0 : bytes(tool.parameters().toString()));
            }
        }
        if (parameters.responseFormat() != null) {
            tokens += bytes(parameters.responseFormat().toString());
        }
        return tokens;
    }

    private static long bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }
}
