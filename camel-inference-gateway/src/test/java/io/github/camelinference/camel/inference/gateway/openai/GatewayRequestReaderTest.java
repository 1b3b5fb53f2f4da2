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
package io.github.camelinference.camel.inference.gateway.openai;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayRequestReaderTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ParsedRequest read(boolean forwardUnknown, String json) {
        return new OpenAiRequestReader(mapper, forwardUnknown).read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsModelStreamAndUsageWithoutForwardingThem() {
        ParsedRequest parsed = read(true, """
                {"model":"smart","stream":true,"stream_options":{"include_usage":true},"max_completion_tokens":50,
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertEquals("smart", parsed.model());
        assertTrue(parsed.stream());
        assertTrue(parsed.includeUsage());
        assertEquals(50, parsed.request().getMaxTokens());
        assertNull(parsed.request().getModel(), "the public name never reaches a provider");
        assertTrue(parsed.request().getExtraBody().isEmpty(), parsed.request().getExtraBody().toString());
    }

    @Test
    void keepsToolCallsAndToolResults() {
        ParsedRequest parsed = read(true, """
                {"model":"smart","messages":[{"role":"user","content":"where is A-17?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function",
                   "function":{"name":"lookup","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"c1","content":"shipped"}]}""");
        ChatMessage assistant = parsed.request().getMessages().get(1);
        assertEquals("c1", assistant.toolCalls().path(0).path("id").asText());
        ChatMessage tool = parsed.request().getMessages().get(2);
        assertEquals("c1", tool.toolCallId());
        assertEquals("shipped", tool.content());
    }

    @Test
    void passesKnownFieldsAsSent() {
        ParsedRequest parsed = read(false, """
                {"model":"smart","messages":[{"role":"user","content":"hi"}],"seed":7,"stop":["x"],
                 "response_format":{"type":"json_object"},"tool_choice":"none","reasoning_effort":"low"}""");
        assertEquals(7, ((JsonNode) parsed.request().getExtraBody().get("seed")).asInt());
        assertEquals("json_object",
                ((JsonNode) parsed.request().getExtraBody().get("response_format")).path("type").asText());
        assertEquals(5, parsed.request().getExtraBody().size());
    }

    @Test
    void forwardsOrRefusesUnknownFieldsAsConfigured() {
        String json = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"x_custom\":1}";
        assertTrue(read(true, json).request().getExtraBody().containsKey("x_custom"));
        GatewayException e = assertThrows(GatewayException.class, () -> read(false, json));
        assertEquals(400, e.status());
        assertEquals("unknown_parameter", e.code());
    }

    @Test
    void refusesWhatItCannotPassFaithfully() {
        assertEquals(400, assertThrows(GatewayException.class, () -> read(true, "not json")).status());
        assertEquals(400, assertThrows(GatewayException.class,
                () -> read(true, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).status());
        assertEquals(400, assertThrows(GatewayException.class,
                () -> read(true, "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":7}]}"))
                .status());
    }

    @Test
    void passesContentPartsAsSent() {
        ParsedRequest parsed = read(true, """
                {"model":"smart","messages":[{"role":"user","content":[{"type":"text","text":"what is it?"},
                 {"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]}""");
        ChatMessage message = parsed.request().getMessages().get(0);
        assertEquals("what is it?", message.content());
        assertEquals("https://example.com/a.png", message.contentParts().path(1).path("image_url").path("url").asText());
    }
}
