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

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class HuggingFaceRouterTest extends SimulatorTestSupport {

    @Test
    void routerPolicyBecomesTheModelSuffixAndMaxTokensIsSentAsMaxTokens() {
        template.requestBody(hfUri("model=openai/gpt-oss-120b&routerPolicy=cheapest&maxTokens=256&user=u-1"), "Hi");

        RecordedRequest request = huggingface.lastRequest();
        assertEquals("Bearer " + HF_KEY, request.header("authorization"));
        JsonNode body = request.json();
        assertEquals("openai/gpt-oss-120b:cheapest", body.get("model").asText());
        assertEquals(256, body.get("max_tokens").asInt());
        assertFalse(body.has("max_completion_tokens"));
        assertEquals("u-1", body.get("user").asText());
        assertFalse(body.has("safety_identifier"));
    }

    @Test
    void aModelThatAlreadyNamesItsBackendKeepsIt() {
        template.requestBody(hfUri("routerPolicy=fastest"), "Hi");
        assertEquals("openai/gpt-oss-120b:fastest", huggingface.lastRequest().json().get("model").asText());

        template.requestBodyAndHeader(hfUri("routerPolicy=fastest"), "Hi", InferenceConstants.MODEL,
                "meta-llama/Llama-3.3-70B-Instruct:groq");
        assertEquals("meta-llama/Llama-3.3-70B-Instruct:groq", huggingface.lastRequest().json().get("model").asText());
    }

    @Test
    void billsTheOrganisationGiven() {
        template.requestBody(hfUri("billTo=acme-corp"), "Hi");

        assertEquals("acme-corp", huggingface.lastRequest().header("X-HF-Bill-To"));
    }

    @Test
    void reportsTheBackendThatReallyServedAndTheModelThatAnswered() {
        Exchange result = template.request(hfUri("routerPolicy=groq"), e -> e.getMessage().setBody("Hi"));

        assertNull(result.getException());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("groq", result.getMessage().getHeader(InferenceConstants.BACKEND));
        assertEquals("openai/gpt-oss-120b", result.getMessage().getHeader(InferenceConstants.RESPONSE_MODEL));
        assertEquals("Simulated answer to: Hi", result.getMessage().getBody());
    }

    @Test
    void anyOtherOpenAiCompatibleServerWorksThroughItsBaseUrlWithoutAKey() {
        template.requestBody("inference:local-vllm?baseUrl=" + openai.baseUrl() + "&model=Qwen/Qwen3-8B", "Hi");

        RecordedRequest request = openai.lastRequest();
        assertNull(request.header("authorization"));
        assertEquals("Qwen/Qwen3-8B", request.json().get("model").asText());
        assertEquals(2, request.json().size(), "model and messages only: " + request.json());
    }
}
