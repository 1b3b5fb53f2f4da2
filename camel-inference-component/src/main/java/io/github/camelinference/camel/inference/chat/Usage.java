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
 * Token counts as the provider reported them; a count the provider did not send is null. {@code promptTokens} already
 * includes the cached ones, {@code completionTokens} the reasoning ones.
 * <p>
 * Usage that cannot be true (a negative count, a count beyond {@code int}, a count that is not a whole number, more
 * cached tokens than prompt tokens) is <em>malformed</em>: its counts are all null and {@link #problem()} says what was
 * wrong, so nothing is costed from it and a budget charges the call its reserved maximum.
 *
 * @param problem why the provider's usage was not believed, or null when it was
 */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer cachedTokens,
        Integer reasoningTokens, String problem) {

    public static final Usage NONE = new Usage(null, null, null, null, null);

    public Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens, Integer cachedTokens,
                 Integer reasoningTokens) {
        this(promptTokens, completionTokens, totalTokens, cachedTokens, reasoningTokens, null);
    }

    /** Usage the provider sent but that cannot be believed. */
    public static Usage malformed(String problem) {
        return new Usage(null, null, null, null, null, problem);
    }

    /** Whether the provider sent usage that cannot be believed. */
    public boolean isMalformed() {
        return problem != null;
    }
}
