package io.github.camelinference.camel.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed chat completion: the first choice's text and finish reason for the common case, every choice and the raw
 * JSON (tool calls, logprobs, annotations, provider extras) for the rest.
 *
 * @param raw the whole response as received; for a stream, null (the chunks are not kept)
 */
public record ChatResponse(String id, String model, List<Choice> choices, Usage usage, JsonNode raw) {

    /**
     * @param toolCalls the {@code tool_calls} array as sent, or null
     */
    public record Choice(int index, String content, String refusal, String finishReason, JsonNode toolCalls) {
    }

    /** The first choice's text, or null when the provider sent no choice or no content. */
    public String text() {
        return choices.isEmpty() ? null : choices.get(0).content();
    }

    /** The same response with the first choice's text replaced (a stream continued on another target). */
    public ChatResponse withText(String text) {
        if (choices.isEmpty()) {
            return this;
        }
        List<Choice> copy = new ArrayList<>(choices);
        Choice first = copy.get(0);
        copy.set(0, new Choice(first.index(), text, first.refusal(), first.finishReason(), first.toolCalls()));
        return new ChatResponse(id, model, List.copyOf(copy), usage, raw);
    }

    /** The first choice's finish reason ({@code stop}, {@code length}, {@code tool_calls}, … or {@code eos}). */
    public String finishReason() {
        return choices.isEmpty() ? null : choices.get(0).finishReason();
    }
}
