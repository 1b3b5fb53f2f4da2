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
package io.github.camelinference.simulator;

/**
 * How a {@link Reply#toolCall tool-call reply} shapes its call, after the OpenAI-compatible servers that differ from
 * OpenAI. Used with {@link Reply#shaped(ToolCallShape)}.
 */
public enum ToolCallShape {
    /** As OpenAI sends it: {@code {id, type: "function", function: {name, arguments: "<JSON text>"}}}. */
    OPENAI,
    /**
     * {@code function.arguments} as a JSON object instead of a string, as llama.cpp's server has sent them
     * (ggml-org/llama.cpp#20198); streamed, the whole object comes in the call's first fragment.
     */
    OBJECT_ARGUMENTS,
    /**
     * Without {@code type} (Mistral's API leaves it out: 64bit/async-openai#368, agentjido/req_llm#373); streamed, the
     * whole call in one fragment, as Mistral streams calls.
     */
    MISTRAL,
    /** With an extra {@code index} on each call of a non-streamed answer and {@code content: ""}, as DeepSeek sends. */
    DEEPSEEK
}
