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

import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an endpoint asks its answers to be: the {@code response_format} it sends and, with a JSON schema, the check an
 * answer must pass and the class a matching answer becomes. Built once, when the endpoint is created.
 */
public final class StructuredOutput {

    /** Plain text: nothing sent, nothing checked. */
    public static final StructuredOutput TEXT = new StructuredOutput(null, null, null, null);
    /** The values option responseFormat accepts. */
    public static final List<String> FORMATS = List.of("text", "json_object", "json_schema");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private final JsonNode responseFormat;
    private final SchemaCheck check;
    private final Class<?> outputType;
    private final ObjectMapper mapper;

    private StructuredOutput(JsonNode responseFormat, SchemaCheck check, Class<?> outputType, ObjectMapper mapper) {
        this.responseFormat = responseFormat;
        this.check = check;
        this.outputType = outputType;
        this.mapper = mapper;
    }

    /**
     * @param  format                   the responseFormat option; a schema or an output class implies json_schema
     * @param  schema                   the jsonSchema option as JSON text (read only once the name is known good), or
     *                                  null to derive the schema from {@code outputType}
     * @param  schemaLabel              how an error names the jsonSchema option: its resource, or {@code (inline)}
     * @param  schemaName               the jsonSchemaName option
     * @throws IllegalArgumentException what is wrong with the options, for the endpoint to report
     */
    public static StructuredOutput of(
            String format, Supplier<String> schema, String schemaLabel, String schemaName,
            Class<?> outputType, ChatWireFormat wire) {
        boolean schemaGiven = schema != null || outputType != null;
        String type = schemaGiven ? "json_schema" : format;
        if ("json_schema".equals(type) && !schemaGiven) {
            throw new IllegalArgumentException(
                    "responseFormat=json_schema needs jsonSchema (inline JSON, classpath:... or file:...)");
        }
        if (type == null || "text".equals(type)) {
            return TEXT;
        }
        ObjectNode node = wire.mapper().createObjectNode().put("type", type);
        if (!"json_schema".equals(type)) {
            return new StructuredOutput(node, null, null, wire.mapper());
        }
        if (!SCHEMA_NAME.matcher(schemaName).matches()) {
            throw new IllegalArgumentException(
                    "jsonSchemaName '" + schemaName + "' must be 1 to 64 letters, digits, '_' or '-'");
        }
        ObjectNode described = node.putObject("json_schema");
        described.put("name", schema == null && "answer".equals(schemaName) ? outputType.getSimpleName() : schemaName);
        described.put("strict", true);
        JsonNode loaded = schema != null ? parse(schema.get(), schemaLabel, wire) : ClassSchema.of(outputType);
        described.set("schema", loaded);
        try {
            return new StructuredOutput(node, new SchemaCheck(loaded, wire.mapper()), outputType, wire.mapper());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("jsonSchema is not a usable JSON schema: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String text, String label, ChatWireFormat wire) {
        try {
            return wire.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException("jsonSchema '" + label + "' is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** The {@code response_format} to send, or null for plain text. */
    public JsonNode responseFormat() {
        return responseFormat;
    }

    /** Whether answers are checked against a JSON schema. */
    public boolean checksSchema() {
        return check != null;
    }

    /** What is wrong with this answer; empty when it matches, or when there is no schema to match. */
    public List<String> problems(String answer) {
        return check == null ? List.of() : check.problems(answer);
    }

    /**
     * The body for an answer already checked and found matching: an {@code outputType} instance, else the text.
     *
     * @throws IllegalArgumentException when the text does not fit the output class
     */
    public Object body(String answer) {
        if (outputType == null) {
            return answer;
        }
        try {
            return mapper.readValue(answer, outputType);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "the answer does not fit " + outputType.getName() + ": "
                                               + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
    }
}
