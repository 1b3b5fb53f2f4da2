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

import io.github.camelinference.camel.inference.error.SchemaMismatchException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers are checked against the jsonSchema the request asked for (schemas/ticket.json: label in an enum). */
class StructuredOutputTest extends SimulatorTestSupport {

    /** The class a matching answer is unmarshalled into. */
    public static class Ticket {
        public String label;
    }

    private static Reply answer(String content) {
        return Reply.json(200, "{\"id\":\"c1\",\"model\":\"gpt-5-mini-2025-08-07\",\"choices\":[{\"index\":0,"
                               + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},"
                               + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,"
                               + "\"total_tokens\":15}}");
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static final String SCHEMA = "jsonSchema=classpath:schemas/ticket.json";

    @Test
    void aMatchingAnswerPassesAndCanBecomeAnObject() {
        openai.enqueue(answer("{\"label\":\"billing\"}"));
        assertEquals("{\"label\":\"billing\"}", template.requestBody(openaiUri(SCHEMA), "Classify", String.class));

        openai.enqueue(answer("{\"label\":\"shipping\"}"));
        Object body = template.requestBody(openaiUri(SCHEMA + "&outputClass=" + Ticket.class.getName()), "Classify");
        assertEquals("shipping", assertInstanceOf(Ticket.class, body).label);
    }

    @Test
    void aJavaClassGivesTheSchemaSentAsEachProviderExpectsIt() {
        openai.enqueue(answer("{\"label\":\"other\"}"));
        Object body = template.requestBody(openaiUri("outputClass=" + Ticket.class.getName()), "Classify");
        assertEquals("other", assertInstanceOf(Ticket.class, body).label);

        var format = openai.lastRequest().json().get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("Ticket", format.get("json_schema").get("name").asText());
        var schema = format.get("json_schema").get("schema");
        assertEquals("string", schema.get("properties").get("label").get("type").asText());
        assertEquals("label", schema.get("required").get(0).asText(), "strict mode wants every property required");
        assertFalse(schema.get("additionalProperties").asBoolean());

        template.request(hfUri(SCHEMA), e -> e.getMessage().setBody("Classify"));
        var routerFormat = huggingface.lastRequest().json().get("response_format");
        assertEquals("answer", routerFormat.get("json_schema").get("name").asText());
        assertEquals("object", routerFormat.get("json_schema").get("schema").get("type").asText());
    }

    @Test
    void anAnswerOutsideTheSchemaIsATypedErrorNotASilentPass() {
        openai.enqueue(answer("{\"label\":\"refund\"}"));

        SchemaMismatchException e = failure(openaiUri(SCHEMA), "Classify", SchemaMismatchException.class);

        assertTrue(e.getMessage().contains("label"), e.getMessage());
        assertFalse(e.isRetryable());
        assertTrue(e.isFailoverable(), "another model may follow the schema");
    }

    @Test
    void anAnswerThatIsNotJsonIsATypedError() {
        SchemaMismatchException e = failure(openaiUri(SCHEMA), "Classify", SchemaMismatchException.class);

        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }

    @Test
    void oneReAskWithTheValidationErrorsCanFixIt() {
        openai.enqueue(answer("{\"label\":\"refund\"}"), answer("{\"label\":\"billing\"}"));

        Exchange result = template.request(openaiUri(SCHEMA + "&schemaRetries=1"), e -> e.getMessage().setBody("Classify"));

        assertNull(result.getException());
        assertEquals("{\"label\":\"billing\"}", result.getMessage().getBody());
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
        var reAsk = openai.lastRequest().json().get("messages");
        assertEquals("{\"label\":\"refund\"}", reAsk.get(1).get("content").asText(), "the wrong answer is shown back");
        assertTrue(reAsk.get(2).get("content").asText().contains("label"), "with what was wrong: " + reAsk);
    }

    @Test
    void theReAsksAreBounded() {
        openai.enqueue(answer("{\"label\":\"refund\"}"), answer("{\"label\":\"refund\"}"));

        failure(openaiUri(SCHEMA + "&schemaRetries=1"), "Classify", SchemaMismatchException.class);

        assertEquals(2, openai.requestCount());
    }

    @Test
    void aRouterBackendWithoutStructuredOutputIsNamedAsSuch() {
        huggingface.enqueue(Reply.json(400, "{\"error\":{\"message\":\"response_format json_schema is not"
                                            + " supported for this model\"}}"));

        var e = failure(hfUri(SCHEMA + "&routerPolicy=featherless-ai"), "Classify",
                io.github.camelinference.camel.inference.error.InvalidRequestException.class);

        assertTrue(e.getMessage().contains("supports_structured_output"), e.getMessage());
        assertTrue(e.getMessage().contains("not supported for this model"), "the provider's own words stay");
    }

    @Test
    void anAggregatedStreamIsCheckedToo() {
        SchemaMismatchException e = failure(openaiUri(SCHEMA + "&stream=true&aggregateStream=true"), "Classify",
                SchemaMismatchException.class);
        assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
    }
}
