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
package io.github.camelinference.camel.inference.stream;

/**
 * A stream broke and another target took it over: what follows in the stream comes from this one. Sent by a failover
 * step that continues streams, to sinks only ({@link ChatStream.Sink#continued}); a route iterating the stream does not
 * see it.
 *
 * @param target   the failover step's name for the target now answering
 * @param provider the provider now answering ({@code openai}, {@code huggingface}, …), or null if unknown
 * @param model    the model now answering, as the provider named it, or null if unknown
 */
public record StreamContinuation(String target, String provider, String model) {
}
