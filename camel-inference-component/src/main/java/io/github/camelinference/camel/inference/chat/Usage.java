package io.github.camelinference.camel.inference.chat;

/**
 * Token counts as the provider reported them; a count the provider did not send is null.
 * {@code promptTokens} already includes the cached ones, {@code completionTokens} the reasoning ones.
 */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer cachedTokens,
                    Integer reasoningTokens) {

    public static final Usage NONE = new Usage(null, null, null, null, null);
}
