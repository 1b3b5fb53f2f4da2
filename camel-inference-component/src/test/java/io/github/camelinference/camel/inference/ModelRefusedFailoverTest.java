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

import java.util.List;

import io.github.camelinference.camel.inference.error.FailoverableInferenceException;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.camel.inference.error.ModelNotFoundException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A router backend that does not serve the model answers 400: another provider can, so the call fails over like on
 * model-not-found. A 400 about the request itself stays fail-fast: another provider would refuse it too.
 */
class ModelRefusedFailoverTest extends SimulatorTestSupport {

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

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"The model `meta-llama/Llama-3.1-8B-Instruct` is not supported by provider novita.\"}}",
            "{\"error\":\"Model meta-llama/Llama-3.1-8B-Instruct is not allowed for this provider\"}",
            "{\"error\":{\"message\":\"Unsupported model: deepseek-ai/DeepSeek-R1\",\"code\":\"model_not_supported\"}}",
            "{\"detail\":\"This provider does not serve the model deepseek-ai/DeepSeek-R1\"}",
            "The requested model 'deepseek-ai/DeepSeek-V3-0324' is not supported by any provider you have enabled" })
    void aBackendRefusingTheModelFailsOverToTheNextProvider(String body) {
        huggingface.enqueue(body.startsWith("{") ? Reply.json(400, body) : Reply.text(400, body));

        Exchange result = template.request("direct:ask", e -> e.getMessage().setBody("Hi there"));

        assertNull(result.getException());
        assertEquals("Simulated answer to: Hi there", result.getMessage().getBody());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(1, huggingface.requestCount());
        ModelNotFoundException e = failureFromHf(body);
        assertTrue(e.isFailoverable());
        assertFalse(e.isRetryable(), "the same backend will refuse again");
    }

    private ModelNotFoundException failureFromHf(String body) {
        huggingface.enqueue(body.startsWith("{") ? Reply.json(400, body) : Reply.text(400, body));
        return failure(hfUri(""), "Hi", ModelNotFoundException.class);
    }

    @Test
    void otherBadRequestsStayFailFast() {
        List<String> bodies = List.of(
                "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with this model. Use"
                                      + " 'max_completion_tokens' instead.\",\"type\":\"invalid_request_error\",\"param\":\"max_tokens\","
                                      + "\"code\":\"unsupported_parameter\"}}",
                "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0.2 with this model. Only"
                                                                                + " the default (1) value is supported.\",\"code\":\"unsupported_value\"}}",
                "{\"error\":{\"message\":\"messages: field required\"}}");
        for (String body : bodies) {
            huggingface.enqueue(Reply.json(400, body));

            Exchange result = template.request("direct:ask", e -> e.getMessage().setBody("Hi"));

            InvalidRequestException e = assertInstanceOf(InvalidRequestException.class, result.getException(), body);
            assertFalse(e.isFailoverable());
            assertEquals(0, openai.requestCount(), "no failover for " + body);
        }
    }
}
