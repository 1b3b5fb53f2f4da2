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
 * A piece of the model's reasoning, as a body item of a streamed call with {@code streamReasoning=true}: the answer's
 * text deltas stay plain Strings, so a route tells the two apart by type (Java:
 * {@code body() instanceof ReasoningDelta}; YAML/simple: {@code ${body} is
 * 'io.github.camelinference.camel.inference.stream.ReasoningDelta'}). Never converted to the answer's text by accident:
 * it is not a CharSequence.
 *
 * @param text the reasoning text of this delta, never empty
 */
public record ReasoningDelta(String text) {
}
