package io.github.camelinference.camel.inference.chat;

/**
 * Who answered a call and how long it took.
 *
 * @param provider              the endpoint's provider name
 * @param backend               the backend that really served the call ({@code x-inference-provider} on the Hugging
 *                              Face router), else the provider name
 * @param requestId             the provider's request id ({@code x-request-id}), or null
 * @param latencyMillis         from sending the request to the end of the answer
 * @param timeToFirstTokenMillis for streams, from sending to the first text delta; null otherwise
 * @param skippedChunks          for streams with {@code malformedChunks=skip}, how many chunks were not JSON and
 *                               were skipped; 0 otherwise
 */
public record CallInfo(String provider, String backend, String requestId, long latencyMillis,
                       Long timeToFirstTokenMillis, int skippedChunks) {

    public CallInfo(String provider, String backend, String requestId, long latencyMillis,
                    Long timeToFirstTokenMillis) {
        this(provider, backend, requestId, latencyMillis, timeToFirstTokenMillis, 0);
    }

    /** The same, with the count of skipped malformed chunks. */
    public CallInfo withSkippedChunks(int count) {
        return new CallInfo(provider, backend, requestId, latencyMillis, timeToFirstTokenMillis, count);
    }
}
