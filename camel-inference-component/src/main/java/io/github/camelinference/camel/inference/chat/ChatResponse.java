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
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A parsed chat completion, the same whether it was streamed or not: the first choice's text, reasoning and finish
 * reason for the common case, every choice with its tool calls, refusal, annotations and logprobs for the rest.
 * <p>
 * An answer without text has a {@code null} content, never {@code ""}: a missing {@code content}, a {@code null} one,
 * an empty string and a stream whose deltas carried no text all read as {@code null}. Reasoning text is kept apart from
 * the content, whichever field or content part it came in.
 *
 * @param systemFingerprint the backend configuration the answer came from, when the provider sends a non-empty one
 * @param serviceTier       the tier that served the call ({@code default}, {@code flex}, …), when sent
 * @param raw               the whole response as received; for a stream, null (the chunks are not kept)
 * @param contentFilter     what Azure OpenAI's content filter found in the prompt and the answer, or null when the
 *                          provider says nothing of it
 * @param rawBytes          the bytes {@code raw} was read from (UTF-8 JSON), as received, or null when they were not
 *                          kept (a stream, a response built in code): a relay writes them on without writing
 *                          {@code raw} again. Not to be changed.
 */
public record ChatResponse(String id, String model, List<Choice> choices, Usage usage, String systemFingerprint,
        String serviceTier, JsonNode raw, ContentFilterResults contentFilter,
        // why ignored: a route that writes the response as JSON has it as raw already
        @JsonIgnore byte[] rawBytes) {

    /** A response whose bytes were not kept. */
    public ChatResponse(String id, String model, List<Choice> choices, Usage usage, String systemFingerprint,
                        String serviceTier, JsonNode raw, ContentFilterResults contentFilter) {
        this(id, model, choices, usage, systemFingerprint, serviceTier, raw, contentFilter, null);
    }

    /** A response without content-filter verdicts (every provider but Azure OpenAI). */
    public ChatResponse(String id, String model, List<Choice> choices, Usage usage, String systemFingerprint,
                        String serviceTier, JsonNode raw) {
        this(id, model, choices, usage, systemFingerprint, serviceTier, raw, null, null);
    }

    /**
     * One choice.
     *
     * @param content     the answer text, or null when there is none
     * @param reasoning   the reasoning text ({@code reasoning_content}, {@code reasoning} or thinking parts), or null
     * @param refusal     the model's refusal text, or null
     * @param toolCalls   the tool calls as an array of {@code {id, type, function: {name, arguments}}} in OpenAI's
     *                    shape whatever the server sent ({@link ToolCalls#normalise}), or null; for a stream, assembled
     *                    from the fragments
     * @param annotations the {@code annotations} array (URL citations), or null
     * @param logprobs    the {@code logprobs} object when requested, or null
     */
    public record Choice(int index, String content, String reasoning, String refusal, String finishReason,
            JsonNode toolCalls, JsonNode annotations, JsonNode logprobs) {
    }

    /** The first choice's text, or null when the provider sent no choice or no text. */
    public String text() {
        return choices.isEmpty() ? null : choices.get(0).content();
    }

    /** The first choice's reasoning text, or null when the provider sent none. */
    public String reasoning() {
        return choices.isEmpty() ? null : choices.get(0).reasoning();
    }

    /** The first choice's tool calls, or null. */
    public JsonNode toolCalls() {
        return choices.isEmpty() ? null : choices.get(0).toolCalls();
    }

    /** The same response with the first choice's text replaced (a stream continued on another target). */
    public ChatResponse withText(String text) {
        if (choices.isEmpty()) {
            return this;
        }
        List<Choice> copy = new ArrayList<>(choices);
        Choice first = copy.get(0);
        copy.set(0, new Choice(
                first.index(), text, first.reasoning(), first.refusal(), first.finishReason(),
                first.toolCalls(), first.annotations(), first.logprobs()));
        return new ChatResponse(
                id, model, List.copyOf(copy), usage, systemFingerprint, serviceTier, raw,
                contentFilter, rawBytes);
    }

    /** The first choice's finish reason ({@code stop}, {@code length}, {@code tool_calls}, … or {@code eos}). */
    public String finishReason() {
        return choices.isEmpty() ? null : choices.get(0).finishReason();
    }

    /**
     * Equal when everything but {@link #rawBytes()} is: the bytes are what {@code raw} was read from, so two answers
     * read from the same JSON are equal whether or not their bytes were kept (a record compares arrays by identity).
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ChatResponse that && Objects.equals(id, that.id) && Objects.equals(model, that.model)
                && Objects.equals(choices, that.choices) && Objects.equals(usage, that.usage)
                && Objects.equals(systemFingerprint, that.systemFingerprint)
                && Objects.equals(serviceTier, that.serviceTier) && Objects.equals(raw, that.raw)
                && Objects.equals(contentFilter, that.contentFilter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, model, choices, usage, systemFingerprint, serviceTier, raw, contentFilter);
    }
}
