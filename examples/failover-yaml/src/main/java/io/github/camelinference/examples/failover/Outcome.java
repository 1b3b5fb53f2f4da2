package io.github.camelinference.examples.failover;

/**
 * What happened to one request.
 *
 * @param provider who answered ({@code openai}, {@code huggingface}), or null when it failed
 * @param error    the error's simple class name and message when it failed, else null
 */
record Outcome(int index, String provider, String backend, boolean fallback, int attempts, int promptTokens,
               int completionTokens, long latencyMillis, String error) {
}
