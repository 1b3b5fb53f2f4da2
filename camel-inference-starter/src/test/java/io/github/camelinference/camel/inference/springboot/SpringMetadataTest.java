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
package io.github.camelinference.camel.inference.springboot;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.util.StringHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The IDE's help for camel.component.inference.* is the component's own, written by the build from its catalog. */
class SpringMetadataTest {

    @Test
    void everyCatalogOptionIsDescribedAsTheComponentDescribesIt() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertNotNull(in, "written at build time into the starter's classes");
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new HashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        Map<String, JsonNode> hints = new HashMap<>();
        metadata.get("hints").forEach(h -> hints.put(h.get("name").asText(), h));

        ComponentOptionBinder.catalogOptions().forEach((name, o) -> {
            JsonObject option = (JsonObject) o;
            String property = "camel.component.inference." + StringHelper.camelCaseToDash(name);
            JsonNode described = properties.get(property);
            assertNotNull(described, property);
            assertEquals(option.getString("description"), described.get("description").asText(), property);
            if (option.containsKey("enum")) {
                assertEquals(option.getCollection("enum").size(), hints.get(property).get("values").size(), property);
            }
        });
        assertEquals("java.time.Duration", properties.get("camel.component.inference.connect-timeout").get("type")
                .asText(), "a duration takes 30s");
        assertNotNull(properties.get("camel.component.inference.providers"), "the starter's own, from its class");
        assertNotNull(properties.get("camel.component.inference.gen-ai-metrics"));
    }
}
