package io.github.camelinference.camel.inference.stream;

/**
 * A stream broke and another target took it over: what follows in the stream comes from this one. Sent by a failover
 * step that continues streams, to sinks only ({@link ChatStream.Sink#continued}); a route iterating the stream does
 * not see it.
 *
 * @param target   the failover step's name for the target now answering
 * @param provider the provider now answering ({@code openai}, {@code huggingface}, …), or null if unknown
 * @param model    the model now answering, as the provider named it, or null if unknown
 */
public record StreamContinuation(String target, String provider, String model) {
}
