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

/**
 * A tool as an endpoint sends it ({@code spec}), checks the model's arguments for it, and runs it (the Camel endpoint
 * URI its calls go to).
 */
public record BoundTool(ToolSpec spec, SchemaCheck arguments, String endpointUri) {

    /**
     * @param  parameters               the tool's parameters as a JSON schema object
     * @throws IllegalArgumentException when the parameters are not a JSON schema object
     */
    public static BoundTool of(
            String name, String description, String parameters, String endpointUri,
            ChatWireFormat wire) {
        JsonNode schema;
        try {
            schema = wire.readTree(parameters);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "tool '" + name + "' parameters are not a JSON schema object: " + e.getMessage(), e);
        }
        return new BoundTool(
                new ToolSpec(name, description, schema), new SchemaCheck(schema, wire.mapper()),
                endpointUri);
    }
}
