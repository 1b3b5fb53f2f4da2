package io.github.camelinference.camel.inference.chat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A function tool as the request declares it.
 *
 * @param parameters the JSON schema of its arguments
 */
public record ToolSpec(String name, String description, JsonNode parameters) {
}
