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
 * One fragment of a streamed tool call, as the provider sent it: the first fragment of a call names it (id, type,
 * function name), the following ones carry pieces of its JSON arguments. A caller that relays the fragments (an
 * OpenAI-compatible gateway) sends them on as they come; one that needs whole calls reads them from the final
 * {@code ChatResponse.toolCalls()}, assembled from these same fragments.
 *
 * @param index     the call's position in the answer's tool calls; fragments of one call share it, and several calls
 *                  may interleave. Always set: a provider that sends no index gets the one the accumulator resolved
 * @param id        the call's id, in the fragment that opens it ({@code call_<index>} when the provider sent none);
 *                  null in the others
 * @param type      {@code function} in the fragment that opens the call, even when the provider left it out (Mistral);
 *                  null in the others
 * @param name      the function's name, in the fragment that opens it; null in the others
 * @param arguments this fragment's piece of the arguments (possibly empty; an object a server sent instead of a string,
 *                  as its JSON text), never null
 */
public record ToolCallDelta(int index, String id, String type, String name, String arguments) {
}
