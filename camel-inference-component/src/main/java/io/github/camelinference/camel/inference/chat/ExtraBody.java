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

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The additionalBodyProperty values as the request carries them: booleans, numbers and JSON typed as such. */
public final class ExtraBody {

    private ExtraBody() {
    }

    /** @throws IllegalArgumentException when a value looks like JSON but is not */
    public static Map<String, Object> typed(Map<String, Object> values, ChatWireFormat wire) {
        Map<String, Object> typed = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> typed.put(k, typed(v, wire)));
        }
        return Collections.unmodifiableMap(typed);
    }

    private static Object typed(Object value, ChatWireFormat wire) {
        if (!(value instanceof String text)) {
            return value;
        }
        String trimmed = text.trim();
        if ("true".equals(trimmed) || "false".equals(trimmed)) {
            return Boolean.valueOf(trimmed);
        }
        if (trimmed.matches("-?\\d{1,18}")) {
            return Long.valueOf(trimmed);
        }
        if (trimmed.matches("-?\\d+\\.\\d+([eE][-+]?\\d+)?")) {
            return Double.valueOf(trimmed);
        }
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                return wire.mapper().readTree(trimmed);
            } catch (Exception e) {
                throw new IllegalArgumentException(
                        "additionalBodyProperty value '" + text + "' looks like JSON but is not: " + e.getMessage(), e);
            }
        }
        return text;
    }
}
