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
package io.github.camelinference.camel.inference.error;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The provider's content filter refused the prompt or the answer. Azure OpenAI names what it found:
 * {@link #getCategories()} holds each category it filtered with the severity it saw, and the message names them.
 */
public class ContentFilteredException extends InferenceException {

    private final Map<String, String> categories;

    public ContentFilteredException(ErrorDetails details, Throwable cause) {
        this(details, cause, Map.of());
    }

    /** @param categories each filtered category and its severity, as {@link #filteredCategories} reads them */
    public ContentFilteredException(ErrorDetails details, Throwable cause, Map<String, String> categories) {
        super(ErrorKind.CONTENT_FILTERED, details, cause);
        this.categories = Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    }

    /**
     * The categories the filter refused on, in the order the provider sent them, each with its severity ({@code safe},
     * {@code low}, {@code medium}, {@code high}), or {@code detected} for the kinds that have none (jailbreak,
     * protected material); empty when the provider named none.
     */
    public Map<String, String> getCategories() {
        return categories;
    }

    /**
     * The filtered categories of an Azure content filter result: an object such as
     * {@code {"hate":{"filtered":true,"severity":"high"},"violence":{"filtered":false,"severity":"safe"},
     * "jailbreak":{"filtered":true,"detected":true}}}. Categories that were not filtered are left out.
     */
    public static Map<String, String> filteredCategories(JsonNode results) {
        Map<String, String> filtered = new LinkedHashMap<>();
        if (results == null || !results.isObject()) {
            return filtered;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = results.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> category = it.next();
            JsonNode verdict = category.getValue();
            if (verdict.isObject() && verdict.path("filtered").asBoolean(false)) {
                String severity = verdict.path("severity").asText("");
                filtered.put(category.getKey(), !severity.isEmpty() ? severity
                        : verdict.path("detected").asBoolean(false) ? "detected" : "filtered");
            }
        }
        return filtered;
    }

    /** {@code hate (high), violence (medium)}: how messages name the filtered categories. */
    public static String describe(Map<String, String> categories) {
        StringJoiner text = new StringJoiner(", ");
        categories.forEach((category, severity) -> text.add(category + " (" + severity + ")"));
        return text.toString();
    }
}
