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

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.error.FailoverableInferenceException;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * End to end, over HTTP: a router backend answering with one of the "model not served here" wordings collected in
 * {@code fixtures/model_not_served_errors.jsonl} makes a failover route try the next provider, which answers; one
 * refusing a parameter ({@code fixtures/parameter_refused_errors.jsonl}) ends the route at once, no second provider
 * asked.
 */
class ModelNotServedFailoverTest extends SimulatorTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask")
                        .loadBalance().failover(FailoverableInferenceException.class)
                        .to(hfUri("routerPolicy=novita"), openaiUri(""))
                        .end();
            }
        };
    }

    static List<Arguments> modelNotServed() throws Exception {
        return rows("model_not_served_errors.jsonl");
    }

    static List<Arguments> parameterRefused() throws Exception {
        return rows("parameter_refused_errors.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNotServed")
    void theNextProviderAnswersWhenABackendDoesNotServeTheModel(String provider, JsonNode row) {
        huggingface.enqueue(Reply.json(row.get("status").asInt(), row.get("body").toString()));

        Exchange result = template.request("direct:ask", e -> e.getMessage().setBody("Hi there"));

        assertNull(result.getException(), provider + " (" + row.get("source").asText() + ")");
        assertEquals("Simulated answer to: Hi there", result.getMessage().getBody());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(1, huggingface.requestCount(), "the refusing backend is not asked again");
        assertEquals(1, openai.requestCount());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterRefused")
    void aRefusedParameterEndsTheRouteWithoutAskingTheNextProvider(String provider, JsonNode row) {
        huggingface.enqueue(Reply.json(row.get("status").asInt(), row.get("body").toString()));

        Exchange result = template.request("direct:ask", e -> e.getMessage().setBody("Hi there"));

        InvalidRequestException e = assertInstanceOf(InvalidRequestException.class, result.getException(),
                provider + " (" + row.get("source").asText() + ")");
        assertFalse(e.isFailoverable());
        assertEquals(1, huggingface.requestCount());
        assertEquals(0, openai.requestCount(), "no failover for " + provider);
    }

    private static List<Arguments> rows(String file) throws Exception {
        List<Arguments> rows = new ArrayList<>();
        for (String line : fixture(file).split("\n")) {
            if (!line.isBlank()) {
                JsonNode row = MAPPER.readTree(line);
                rows.add(Arguments.of(row.get("provider").asText(), row));
            }
        }
        return rows;
    }
}
