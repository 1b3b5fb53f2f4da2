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
package io.github.camelinference.camel.inference;

/**
 * A tool the model may call, run by a Camel endpoint ({@code direct:lookupOrder}, a bean, any route): declare it as a
 * bean and name it in the endpoint's {@code tools} option. The route receives the call's arguments as a JSON string
 * (already checked against {@code parameters}) and answers with the tool's result as its body.
 *
 * <pre>
 * - beans:
 *     - name: lookupOrder
 *       type: io.github.camelinference.camel.inference.InferenceTool
 *       properties:
 *         description: Look up an order by id
 *         parameters: '{"type":"object","properties":{"order_id":{"type":"string"}},"required":["order_id"]}'
 *         endpoint: direct:lookupOrder
 * </pre>
 */
public class InferenceTool {

    private String name;
    private String description;
    private String parameters = "{\"type\":\"object\",\"properties\":{}}";
    private String endpoint;

    /** The function name the model sees; defaults to the bean's name. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** What the tool does, for the model. */
    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    /** The JSON schema of the arguments. */
    public String getParameters() {
        return parameters;
    }

    public void setParameters(String parameters) {
        this.parameters = parameters;
    }

    /** The endpoint URI that runs the tool. */
    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }
}
