package io.github.camelinference.camel.inference.routes.failover;

import io.github.camelinference.camel.inference.chat.Usage;

/**
 * One target's share of a streamed answer that a failover step continued on another target after it broke: the
 * values of the {@link InferenceFailover#USAGE_BY_TARGET} header, by target name.
 *
 * @param usage     the tokens the target used; for a target whose stream broke, an estimate (it never reported usage)
 * @param costUsd   those tokens at the target endpoint's prices, or null when its prices are unknown
 * @param estimated whether the usage is an estimate: the prompt at its upper bound, one output token per delta
 *                  received (a stream that broke); false for the provider's own count
 */
public record TargetUsage(Usage usage, Double costUsd, boolean estimated) {
}
