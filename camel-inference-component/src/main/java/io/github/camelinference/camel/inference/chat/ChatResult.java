package io.github.camelinference.camel.inference.chat;

/** A successful non-streamed call: the parsed answer and who served it. */
public record ChatResult(ChatResponse response, CallInfo info) {
}
