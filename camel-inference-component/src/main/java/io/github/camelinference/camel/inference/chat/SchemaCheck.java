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

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks an answer against the JSON schema the request asked for: providers' "strict" modes are not all strict, and
 * some router backends ignore response_format altogether.
 */
public final class SchemaCheck {

    private final JsonSchema schema;
    private final ObjectMapper mapper;

    public SchemaCheck(JsonNode schema, ObjectMapper mapper) {
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        this.mapper = mapper;
    }

    /** @return what is wrong with the answer, empty when it matches */
    public List<String> problems(String answer) {
        JsonNode json;
        try {
            json = mapper.readTree(answer == null ? "" : answer.strip());
        } catch (Exception e) {
            json = null;
        }
        if (json == null || json.isMissingNode()) {
            String start = answer == null ? "" : answer.strip();
            return List.of("the answer is not JSON: "
                           + (start.length() > 80 ? start.substring(0, 80) + "…" : start));
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage message : schema.validate(json)) {
            problems.add(message.getMessage());
        }
        return problems;
    }
}
