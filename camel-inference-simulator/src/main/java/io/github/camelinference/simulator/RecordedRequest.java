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
package io.github.camelinference.simulator;

import java.io.UncheckedIOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
