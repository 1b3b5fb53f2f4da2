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

/**
 * Who answered a call and how long it took.
 *
 * @param provider               the endpoint's provider name
 * @param backend                the backend that really served the call ({@code x-inference-provider} on the Hugging
 *                               Face router), else the provider name
 * @param requestId              the provider's request id ({@code x-request-id}), or null
 * @param latencyMillis          from sending the request to the end of the answer
 * @param timeToFirstTokenMillis for streams, from sending to the first text delta; null otherwise
 * @param skippedChunks          for streams with {@code malformedChunks=skip}, how many chunks were not JSON and were
 *                               skipped; 0 otherwise
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
