package io.github.camelinference.camel.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;

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
