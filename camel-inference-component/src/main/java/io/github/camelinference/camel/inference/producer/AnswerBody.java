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
package io.github.camelinference.camel.inference.producer;

import java.util.List;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;

/** Turns a whole answer into the message body the route receives. */
final class AnswerBody {

    private AnswerBody() {
    }

    /** The body for an answer: its text, checked against the jsonSchema, and unmarshalled to outputClass if set. */
    static Object of(CallContext call, ChatResponse response, CallInfo info) {
        if (!call.options().tools().isEmpty() && response.toolCalls() != null) {
            // manual mode: the route decides what to run; tool calls win over any text beside them ("" from
            // DeepSeek and xAI, or a sentence such as "Let me look that up")
            return response.toolCalls();
        }
        if (!call.options().output().checksSchema()) {
            return response.text();
        }
        List<String> problems = call.schemaProblems(response);
        if (problems.isEmpty()) {
            try {
                return call.options().output().body(response.text());
            } catch (IllegalArgumentException e) {
                problems = List.of(e.getMessage());
            }
        }
        throw InferenceException.of(ErrorKind.SCHEMA_MISMATCH, new ErrorDetails(
                info.provider(), 200, null,
                "schema_mismatch", "the answer does not match the JSON schema: " + String.join("; ", problems),
                info.requestId(), null), null);
    }
}
