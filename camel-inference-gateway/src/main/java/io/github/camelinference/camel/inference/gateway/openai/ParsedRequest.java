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
package io.github.camelinference.camel.inference.gateway.openai;

import io.github.camelinference.camel.inference.chat.ChatRequest;

/**
 * An OpenAI chat-completions request as the gateway routes it.
 *
 * @param model        the public model name the caller asked for ({@code smart}, {@code cheap}, …)
 * @param stream       whether the caller wants SSE
 * @param includeUsage whether the caller asked for the usage chunk ({@code stream_options.include_usage})
 * @param request      what the {@code inference:} endpoints receive: messages and the fields passed through
 */
public record ParsedRequest(String model, boolean stream, boolean includeUsage, ChatRequest request) {
}
