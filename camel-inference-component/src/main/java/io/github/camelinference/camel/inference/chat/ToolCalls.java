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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tool calls in OpenAI's shape, whoever sent them: {@code [{id, type: "function", function: {name, arguments}}]} with
 * the arguments as a JSON string. Servers differ: Mistral sends no {@code type}, DeepSeek adds an {@code index}, some
 * (llama.cpp's server among them) send {@code arguments} as a JSON object, others send {@code ""} or nothing for a call
 * without arguments. Read through here, the same answer gives the same calls streamed or not, a tool always receives
 * its arguments as JSON text, and calls sent back to a strict provider are ones it accepts.
 */
public final class ToolCalls {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ToolCalls() {
    }

    /**
     * The calls in OpenAI's shape, fields other than {@code id}, {@code type} and {@code function.name/arguments}
     * dropped; a call without an id gets {@code call_<position>}, one without arguments {@code "{}"}. Null when there
     * are none (no array, an empty one, or nothing in it that is a call).
     */
    public static ArrayNode normalise(JsonNode calls) {
        if (calls == null || !calls.isArray()) {
            return null;
        }
        ArrayNode normalised = JSON.arrayNode();
        for (JsonNode call : calls) {
            if (!call.isObject()) {
                continue; // not a call: nothing in it could be run or sent back
            }
            JsonNode function = call.path("function");
            ObjectNode json = normalised.addObject();
            json.put("id", nonEmpty(call.get("id"), "call_" + (normalised.size() - 1)));
            json.put("type", "function");
            json.putObject("function").put("name", nonEmpty(function.get("name"), ""))
                    .put("arguments", arguments(function.get("arguments")));
        }
        return normalised.isEmpty() ? null : normalised;
    }

    /**
     * A call's arguments as JSON text: a string as sent, an object or array as its JSON, and {@code "{}"} for none
     * (absent, null or {@code ""}), which is what OpenAI sends for a call without arguments.
     */
    public static String arguments(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return "{}";
        }
        String text = arguments.isContainerNode() ? arguments.toString() : arguments.asText();
        return text.isEmpty() ? "{}" : text;
    }

    /** One streamed fragment's piece of the arguments: a string as sent, an object or array as its JSON, else "". */
    public static String argumentsPiece(JsonNode arguments) {
        if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
            return "";
        }
        return arguments.isContainerNode() ? arguments.toString() : arguments.asText();
    }

    private static String nonEmpty(JsonNode value, String otherwise) {
        return value == null || value.isNull() || !value.isValueNode() || value.asText().isEmpty()
                ? otherwise
                : value.asText();
    }
}
