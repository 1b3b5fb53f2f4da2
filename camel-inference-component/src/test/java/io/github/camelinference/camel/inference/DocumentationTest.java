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

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The docs page and the generated catalog must agree: every option and header is documented, with its default. */
class DocumentationTest {

    @Test
    void everyOptionAndHeaderOfTheCatalogIsOnTheDocsPage() throws Exception {
        JsonNode catalog;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/io/github/camelinference/camel/inference/inference.json")) {
            assertNotNull(in, "the catalog descriptor is generated into the jar");
            catalog = new ObjectMapper().readTree(in);
        }
        String page = Files.readString(Path.of("src/main/docs/inference-component.adoc"));
        List<String> missing = new ArrayList<>();
        for (String section : List.of("componentProperties", "properties")) {
            catalog.get(section).properties().forEach(option -> {
                JsonNode spec = option.getValue();
                if ("path".equals(spec.path("kind").asText())) {
                    return;
                }
                String row = "| *" + option.getKey() + "* (" + spec.path("group").asText() + ") | ";
                int at = page.indexOf(row);
                if (at < 0) {
                    missing.add(section + ": " + option.getKey());
                } else if (spec.has("defaultValue")) {
                    String line = page.substring(at, page.indexOf('\n', at));
                    if (!line.contains("| " + spec.get("defaultValue").asText() + " |")) {
                        missing.add(section + ": default of " + option.getKey());
                    }
                }
            });
        }
        catalog.get("headers").fieldNames().forEachRemaining(header -> {
            if (!page.contains("| *" + header + "* |")) {
                missing.add("header " + header);
            }
        });
        assertTrue(missing.isEmpty(), "src/main/docs/inference-component.adoc lacks: " + missing
                                      + " (run: python3 src/main/docs/update-option-tables.py)");
    }
}
