package io.github.camelinference.camel.inference.stream;

/**
 * A piece of the model's reasoning, as a body item of a streamed call with {@code streamReasoning=true}: the answer's
 * text deltas stay plain Strings, so a route tells the two apart by type (Java:
 * {@code body() instanceof ReasoningDelta}; YAML/simple: {@code ${body} is
 * 'io.github.camelinference.camel.inference.stream.ReasoningDelta'}). Never converted to the answer's text by
 * accident: it is not a CharSequence.
 *
 * @param text the reasoning text of this delta, never empty
 */
public record ReasoningDelta(String text) {
}
