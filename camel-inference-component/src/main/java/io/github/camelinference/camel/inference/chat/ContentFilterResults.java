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

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.error.ContentFilteredException;

/**
 * What Azure OpenAI's content filter found in one call: on the prompt ({@code prompt_filter_results}, for the first
 * prompt) and on the answer (the first choice's {@code content_filter_results}). Each maps a category ({@code hate},
 * {@code sexual}, {@code violence}, {@code self_harm}, {@code jailbreak}, {@code protected_material_text}, …) to the
 * verdict: {@code filtered}, and {@code severity} or {@code detected}.
 *
 * @param prompt     the verdicts on the prompt, or null when the provider sent none
 * @param completion the verdicts on the answer, or null when the provider sent none
 */
public record ContentFilterResults(JsonNode prompt, JsonNode completion) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The verdicts in a whole chat completion, or null when it carries none (every provider but Azure). */
    public static ContentFilterResults read(JsonNode root) {
        JsonNode prompt = promptResults(root);
        JsonNode completion = root.path("choices").path(0).get("content_filter_results");
        return of(prompt, completion != null && completion.isObject() ? completion : null);
    }

    /** The verdicts, or null when there are none. */
    static ContentFilterResults of(JsonNode prompt, JsonNode completion) {
        return prompt == null && completion == null ? null : new ContentFilterResults(prompt, completion);
    }

    /** The first prompt's verdicts in a response or a stream chunk, or null. */
    static JsonNode promptResults(JsonNode root) {
        JsonNode first = root.path("prompt_filter_results").path(0).get("content_filter_results");
        return first != null && first.isObject() ? first : null;
    }

    /**
     * The verdicts so far with a stream chunk's added: the prompt's come in a chunk of their own, and each chunk of the
     * answer judges its own piece, so a category once filtered stays filtered and otherwise the latest counts.
     *
     * @param sofar null before the first verdict
     */
    public static ContentFilterResults accumulate(ContentFilterResults sofar, JsonNode chunk) {
        JsonNode prompt = promptResults(chunk);
        JsonNode before = sofar == null ? null : sofar.completion();
        JsonNode completion = merge(before, chunk.path("choices").path(0).get("content_filter_results"));
        if (prompt == null && completion == before) {
            return sofar; // nothing new: most chunks
        }
        return of(prompt != null ? prompt : sofar == null ? null : sofar.prompt(), completion);
    }

    private static JsonNode merge(JsonNode sofar, JsonNode chunk) {
        if (chunk == null || !chunk.isObject() || chunk.isEmpty()) {
            return sofar;
        }
        ObjectNode merged = sofar == null ? JsonNodeFactory.instance.objectNode() : ((ObjectNode) sofar).deepCopy();
        chunk.fields().forEachRemaining(category -> {
            JsonNode before = merged.get(category.getKey());
            if (before == null || !before.path("filtered").asBoolean(false)) {
                merged.set(category.getKey(), category.getValue());
            }
        });
        return merged;
    }

    /** The categories filtered on the prompt and then on the answer, each with its severity. */
    public Map<String, String> filteredCategories() {
        Map<String, String> filtered = new LinkedHashMap<>(ContentFilteredException.filteredCategories(prompt));
        filtered.putAll(ContentFilteredException.filteredCategories(completion));
        return filtered;
    }

    /**
     * As plain maps, for the {@code CamelInferenceContentFilterResults} header, so a route (or the Simple language in
     * YAML) reads {@code completion.violence.severity} without Jackson: keys {@code prompt} and {@code completion},
     * each present when the provider sent it.
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        if (prompt != null) {
            map.put("prompt", MAPPER.convertValue(prompt, Map.class));
        }
        if (completion != null) {
            map.put("completion", MAPPER.convertValue(completion, Map.class));
        }
        return map;
    }
}
