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
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;

/**
 * The JSON schema of a Java class, in the form OpenAI's strict structured output accepts: every property required, no
 * additional properties.
 */
public final class ClassSchema {

    private ClassSchema() {
    }

    public static JsonNode of(Class<?> type) {
        SchemaGenerator generator = new SchemaGenerator(
                new SchemaGeneratorConfigBuilder(
                        SchemaVersion.DRAFT_2020_12,
                        OptionPreset.PLAIN_JSON).with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT).build());
        ObjectNode schema = generator.generateSchema(type);
        schema.remove("$schema");
        requireAll(schema);
        return schema;
    }

    /** Strict mode wants every property listed as required; nested objects too. */
    private static void requireAll(JsonNode node) {
        if (node instanceof ObjectNode object && object.has("properties")) {
            var required = object.putArray("required");
            object.get("properties").fieldNames().forEachRemaining(required::add);
        }
        node.forEach(ClassSchema::requireAll);
    }
}
