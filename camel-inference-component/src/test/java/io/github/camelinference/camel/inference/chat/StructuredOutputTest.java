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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an endpoint's structured-output options send, and how answers are checked and turned into the body. */
class StructuredOutputTest {

    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"}},"
                                         + "\"required\":[\"label\"],\"additionalProperties\":false}";

    private final ChatWireFormat wire = new ChatWireFormat(new ObjectMapper());

    /** An output class, as an application declares one. */
    public record Ticket(String label) {
    }

    @Test
    void plainTextSendsNoResponseFormatAndChecksNothing() {
        StructuredOutput text = StructuredOutput.of("text", null, null, "answer", null, wire);

        assertSame(StructuredOutput.TEXT, text);
        assertNull(text.responseFormat());
        assertEquals(List.of(), text.problems("not JSON at all"));
    }

    @Test
    void jsonObjectAsksForJsonWithoutASchema() {
        StructuredOutput json = StructuredOutput.of("json_object", null, null, "answer", null, wire);

        assertEquals("{\"type\":\"json_object\"}", json.responseFormat().toString());
        assertFalse(json.checksSchema());
    }

    @Test
    void aSchemaIsSentStrictUnderItsNameAndChecked() {
        StructuredOutput output = StructuredOutput.of(null, () -> SCHEMA, "(inline)", "ticket", null, wire);

        assertEquals("json_schema", output.responseFormat().path("type").asText());
        assertEquals("ticket", output.responseFormat().path("json_schema").path("name").asText());
        assertTrue(output.responseFormat().path("json_schema").path("strict").asBoolean());
        assertEquals(List.of(), output.problems("{\"label\":\"billing\"}"));
        assertFalse(output.problems("{\"label\":3}").isEmpty());
        assertEquals("the answer is not JSON: Sure! Here it is",
                output.problems("Sure! Here it is").get(0));
    }

    @Test
    void anOutputClassGivesTheSchemaItsNameAndTheBodyItsType() {
        StructuredOutput output = StructuredOutput.of(null, null, null, "answer", Ticket.class, wire);

        assertEquals("Ticket", output.responseFormat().path("json_schema").path("name").asText());
        assertEquals(new Ticket("billing"), output.body("{\"label\":\"billing\"}"));
    }

    @Test
    void jsonSchemaWithoutASchemaSaysWhereToPutOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredOutput.of("json_schema", null, null, "answer", null, wire));

        assertEquals("responseFormat=json_schema needs jsonSchema (inline JSON, classpath:... or file:...)",
                e.getMessage());
    }

    @Test
    void aSchemaNameTheProvidersRefuseFailsBeforeTheSchemaIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredOutput.of(null, () -> {
                    throw new AssertionError("read although the name is wrong");
                }, "classpath:x.json", "my schema", null, wire));

        assertEquals("jsonSchemaName 'my schema' must be 1 to 64 letters, digits, '_' or '-'", e.getMessage());
    }

    @Test
    void aSchemaThatIsNotAJsonObjectNamesItsSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuredOutput.of(null, () -> "[1, 2]", "classpath:schemas/list.json", "answer", null, wire));

        assertTrue(e.getMessage().startsWith("jsonSchema 'classpath:schemas/list.json' is not a JSON object: "),
                e.getMessage());
    }
}
