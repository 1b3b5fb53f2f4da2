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
