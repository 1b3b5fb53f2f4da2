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

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tool as an endpoint binds it: its spec for the request, and the check of the model's arguments. */
class BoundToolTest {

    private final ChatWireFormat wire = new ChatWireFormat(new ObjectMapper());

    @Test
    void theModelsArgumentsAreCheckedAgainstTheToolsSchema() {
        BoundTool tool = BoundTool.of("weather", "The weather in a city",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}",
                "direct:weather", wire);

        assertEquals("weather", tool.spec().name());
        assertEquals("direct:weather", tool.endpointUri());
        assertEquals(List.of(), tool.arguments().problems("{\"city\":\"Oslo\"}"));
        assertFalse(tool.arguments().problems("{}").isEmpty(), "city is required");
    }

    @Test
    void parametersThatAreNotAJsonObjectNameTheTool() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundTool.of("weather", null, "city: string", "direct:weather", wire));

        assertTrue(e.getMessage().startsWith("tool 'weather' parameters are not a JSON schema object: "),
                e.getMessage());
    }
}
