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

import java.util.Properties;

import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The component's options and headers work from YAML DSL, with no Java beyond starting the context. */
class YamlRouteTest extends SimulatorTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("sim.url", openai.baseUrl());
        properties.put("sim.apiKey", OPENAI_KEY);
        properties.put("sim.hf.url", huggingface.baseUrl());
        properties.put("sim.hf.token", HF_KEY);
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/chat-route.yaml"),
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/tools-route.yaml"),
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/succession-route.yaml"));
    }

    @Test
    void yamlRouteCallsTheProviderAndReadsTheAnswerHeaders() {
        Exchange result = template.request("direct:yaml-chat", e -> e.getMessage().setBody("Hello from YAML"));

        assertEquals("Simulated answer to: Hello from YAML", result.getMessage().getBody());
        assertEquals("openai/gpt-5-mini-2025-08-07", result.getMessage().getHeader("answeredBy"));
        assertEquals("minimal", openai.lastRequest().json().get("reasoning_effort").asText());
        assertEquals(512, openai.lastRequest().json().get("max_completion_tokens").asInt());
    }

    @Test
    void yamlErrorHandlerSeesTheTypedErrorsFlags() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}"));

        String body = template.requestBody("direct:yaml-chat", "Hi", String.class);

        assertEquals("failed: RATE_LIMITED retryable=true failoverable=true", body);
    }

    @Test
    void toolsDeclaredInYamlAreRunByTheirYamlRoute() {
        openai.enqueue(Reply.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                                       + "\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":"
                                       + "\"lookup_order\",\"arguments\":\"{\\\"order_id\\\":\\\"42\\\"}\"}}]},"
                                       + "\"finish_reason\":\"tool_calls\"}]}"),
                Reply.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                                + "\"Order 42 has shipped.\"},\"finish_reason\":\"stop\"}]}"));

        String answer = template.requestBody("direct:yaml-tools", "Where is order 42?", String.class);

        assertEquals("Order 42 has shipped.", answer);
        var toolMessage = openai.lastRequest().json().get("messages").get(2);
        assertEquals("c1", toolMessage.get("tool_call_id").asText());
        assertEquals("{\"args\":{\"order_id\":\"42\"},\"status\":\"shipped\"}", toolMessage.get("content").asText());
    }

    @Test
    void yamlRouteSplitsAStreamIntoTokens() throws Exception {
        MockEndpoint tokens = getMockEndpoint("mock:tokens");
        tokens.expectedBodiesReceived("Simulated", " answer", " to:", " stream", " me");

        template.sendBody("direct:yaml-stream", "stream me");

        tokens.assertIsSatisfied();
        assertEquals("openai/gpt-oss-120b:groq", huggingface.lastRequest().json().get("model").asText());
    }

    @Test
    void aYamlRouteNamingARetiredModelIsAnsweredByItsSuccessor() {
        openai.retire("gpt-5-mini");
        openai.refuseValue("gpt-6.1-terra", "reasoning_effort", "minimal", "none", "low", "medium", "high");

        String body = template.requestBody("direct:yaml-succession", "Classify: refund not received", String.class);

        assertEquals("gpt-5-mini -> gpt-6.1-terra: Simulated answer to: Classify: refund not received", body);
        assertEquals("low", openai.lastRequest().json().get("reasoning_effort").asText());
    }
}
