package io.github.camelinference.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A request as the simulator received it, for tests that assert on the exact wire format.
 *
 * @param headers         header names in lower case
 * @param receivedAtNanos {@link System#nanoTime()} when the request arrived, to check the spacing of retries
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, String body,
                              long receivedAtNanos) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("request body is not JSON: " + body, e);
        }
    }
}
