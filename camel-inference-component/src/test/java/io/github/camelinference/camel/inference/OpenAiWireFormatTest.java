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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatRequest;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.EmptyAnswerException;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenAiWireFormatTest extends SimulatorTestSupport {

    @Test
    void sendsGpt5ParametersAsOpenAiExpectsThem() {
        template.requestBody(openaiUri("systemPrompt=Be terse.&maxTokens=2048&reasoningEffort=minimal&verbosity=low"
                                       + "&user=user-hash-1234&seed=7&stop=END,STOP"),
                "Classify: refund not received");

        RecordedRequest request = openai.lastRequest();
        assertEquals("POST", request.method());
        assertEquals("/v1/chat/completions", request.path());
        assertEquals("Bearer " + OPENAI_KEY, request.header("authorization"));
        assertEquals("application/json", request.header("content-type"));
        assertEquals("application/json", request.header("accept"));
        JsonNode body = request.json();
        assertEquals("{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"system\",\"content\":\"Be terse.\"},"
                     + "{\"role\":\"user\",\"content\":\"Classify: refund not received\"}],"
                     + "\"max_completion_tokens\":2048,\"reasoning_effort\":\"minimal\",\"verbosity\":\"low\","
                     + "\"stop\":[\"END\",\"STOP\"],\"seed\":7,\"safety_identifier\":\"user-hash-1234\"}",
                body.toString());
    }

    @Test
    void sendsNoSamplingParametersUnlessSet() {
        template.requestBody(openaiUri(""), "Hello");

        JsonNode body = openai.lastRequest().json();
        for (String field : List.of("temperature", "top_p", "max_tokens", "max_completion_tokens", "reasoning_effort",
                "verbosity", "stream", "response_format", "seed", "stop")) {
            assertFalse(body.has(field), field + " must not be sent unless the user sets it: " + body);
        }
    }

    @Test
    void headersOverrideModelTemperatureMaxTokensAndSystemPrompt() {
        template.requestBodyAndHeaders(openaiUri("model=gpt-5-mini&maxTokens=100&systemPrompt=Default"), "Hi",
                Map.of(InferenceConstants.MODEL, "gpt-5", InferenceConstants.TEMPERATURE, "1",
                        InferenceConstants.MAX_TOKENS, 300, InferenceConstants.SYSTEM_PROMPT, "Per message"));

        JsonNode body = openai.lastRequest().json();
        assertEquals("gpt-5", body.get("model").asText());
        assertEquals(1.0, body.get("temperature").asDouble());
        assertEquals(300, body.get("max_completion_tokens").asInt());
        assertEquals("Per message", body.get("messages").get(0).get("content").asText());
    }

    @Test
    void acceptsAConversationAsAListOfMessagesOrMaps() {
        template.requestBody(openaiUri(""), List.of(ChatMessage.user("Hi"), Map.of("role", "assistant", "content",
                "Hello!"), Map.of("role", "user", "content", "What is Camel?")));

        JsonNode messages = openai.lastRequest().json().get("messages");
        assertEquals(3, messages.size());
        assertEquals("assistant", messages.get(1).get("role").asText());
        assertEquals("What is Camel?", messages.get(2).get("content").asText());
    }

    @Test
    void sendsContentPartsAsGiven() throws Exception {
        JsonNode parts = new ObjectMapper().readTree("[{\"type\":\"text\",\"text\":\"What is it?\"},"
                                                     + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.png\"}}]");
        ChatMessage message = ChatMessage.ofParts("user", parts);
        assertEquals("What is it?", message.content());

        template.requestBody(openaiUri(""), ChatRequest.of(message));

        assertEquals(parts, openai.lastRequest().json().get("messages").get(0).get("content"));
    }

    @Test
    void acceptsARequestObjectWithItsOwnOverridesAndExtraFields() {
        template.requestBody(openaiUri("model=gpt-5-mini"), ChatRequest.of(ChatMessage.user("Hi"))
                .model("gpt-5-nano").maxTokens(64).extra("service_tier", "flex"));

        JsonNode body = openai.lastRequest().json();
        assertEquals("gpt-5-nano", body.get("model").asText());
        assertEquals(64, body.get("max_completion_tokens").asInt());
        assertEquals("flex", body.get("service_tier").asText());
    }

    @Test
    void sendsJsonSchemaFromClasspathAsResponseFormat() {
        // the simulator's answer is not JSON, so the exchange fails its schema check: here only the request matters
        template.request(openaiUri("jsonSchema=classpath:schemas/ticket.json&jsonSchemaName=ticket_class"),
                e -> e.getMessage().setBody("x"));

        JsonNode format = openai.lastRequest().json().get("response_format");
        assertEquals("json_schema", format.get("type").asText());
        assertEquals("ticket_class", format.get("json_schema").get("name").asText());
        assertTrue(format.get("json_schema").get("strict").asBoolean());
        assertEquals("object", format.get("json_schema").get("schema").get("type").asText());
    }

    @Test
    void sendsAdditionalHeadersAndBodyFieldsWithTheirTypes() {
        template.requestBody(openaiUri("additionalHeader.OpenAI-Organization=org-42"
                                       + "&additionalBodyProperty.store=false&additionalBodyProperty.service_tier=flex"
                                       + "&additionalBodyProperty.top_logprobs=2"),
                "Hi");

        RecordedRequest request = openai.lastRequest();
        assertEquals("org-42", request.header("OpenAI-Organization"));
        JsonNode body = request.json();
        assertTrue(body.get("store").isBoolean());
        assertEquals("flex", body.get("service_tier").asText());
        assertEquals(2, body.get("top_logprobs").asInt());
    }

    @Test
    void readsAnswerUsageAndIdentityFromTheResponse() {
        openai.enqueue(Reply.json(200, fixture("openai_chat_response_gpt5mini.json"))
                .withHeader("x-request-id", "req_43c78dbd"));

        Exchange result = template.request(openaiUri(""), e -> e.getMessage().setBody("Classify"));

        assertNull(result.getException());
        var message = result.getMessage();
        assertEquals("{\"label\":\"billing\"}", message.getBody(String.class));
        assertEquals("openai", message.getHeader(InferenceConstants.PROVIDER));
        assertEquals("openai", message.getHeader(InferenceConstants.BACKEND));
        assertEquals("gpt-5-mini-2025-08-07", message.getHeader(InferenceConstants.RESPONSE_MODEL));
        assertEquals("chatcmpl-C9abcDEFghiJKLmnoPQRstuVWxyz0", message.getHeader(InferenceConstants.RESPONSE_ID));
        assertEquals("req_43c78dbd", message.getHeader(InferenceConstants.REQUEST_ID));
        assertEquals("stop", message.getHeader(InferenceConstants.FINISH_REASON));
        assertEquals(2746, message.getHeader(InferenceConstants.PROMPT_TOKENS));
        assertEquals(197, message.getHeader(InferenceConstants.COMPLETION_TOKENS));
        assertEquals(2943, message.getHeader(InferenceConstants.TOTAL_TOKENS));
        assertEquals(2208, message.getHeader(InferenceConstants.CACHED_TOKENS));
        assertEquals(64, message.getHeader(InferenceConstants.REASONING_TOKENS));
        // gpt-5-mini list prices: (2746 - 2208) x 0.25 + 2208 x 0.025 + 197 x 2.00, per million tokens
        assertEquals(0.0005837, message.getHeader(InferenceConstants.COST, Double.class), 1e-12);
        assertTrue(message.getHeader(InferenceConstants.LATENCY, Long.class) >= 0);
        ChatResponse whole = message.getHeader(InferenceConstants.RESPONSE, ChatResponse.class);
        assertEquals("default", whole.raw().get("service_tier").asText());
    }

    @Test
    void anEmptyAnswerBecauseReasoningUsedTheBudgetIsATypedError() {
        openai.enqueue(Reply.json(200, fixture("openai_chat_response_empty_length.json")));

        EmptyAnswerException e = failure(openaiUri("maxTokens=60"), "Think hard", EmptyAnswerException.class);

        assertFalse(e.isRetryable());
        assertTrue(e.isFailoverable());
        assertTrue(e.getMessage().contains("60 reasoning tokens"), e.getMessage());
    }

    @Test
    void toleratesUnknownFieldsAndOddValuesFromCompatibleServers() {
        openai.enqueue(Reply.json(200, "{\"id\":\"\",\"object\":\"text_completion\",\"model\":\"m\",\"time_info\":{},"
                                       + "\"system_fingerprint\":\"\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                                       + "\"assistant\",\"content\":\"ok\",\"token_id\":5},\"finish_reason\":\"eos\"}]}"));

        Exchange result = template.request(openaiUri(""), e -> e.getMessage().setBody("Hi"));

        assertEquals("ok", result.getMessage().getBody());
        assertEquals("eos", result.getMessage().getHeader(InferenceConstants.FINISH_REASON));
        assertNull(result.getMessage().getHeader(InferenceConstants.PROMPT_TOKENS));
        assertNull(result.getMessage().getHeader(InferenceConstants.COST), "no usage, no price: no cost claimed");
    }
}
