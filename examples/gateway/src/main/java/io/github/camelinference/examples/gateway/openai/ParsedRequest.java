package io.github.camelinference.examples.gateway.openai;

import io.github.camelinference.camel.inference.chat.ChatRequest;

/**
 * An OpenAI chat-completions request as the gateway routes it.
 *
 * @param model        the public model name the caller asked for ({@code smart}, {@code cheap}, …)
 * @param stream       whether the caller wants SSE
 * @param includeUsage whether the caller asked for the usage chunk ({@code stream_options.include_usage})
 * @param request      what the {@code inference:} endpoints receive: messages and the fields passed through
 */
public record ParsedRequest(String model, boolean stream, boolean includeUsage, ChatRequest request) {
}
