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
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An auto-mode tool loop over a streamed call, with reasoning items, written in YAML only. */
class YamlStreamedToolsTest extends SimulatorTestSupport {

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("sim.url", openai.baseUrl());
        properties.put("sim.apiKey", OPENAI_KEY);
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/tools-route.yaml"),
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/streamed-tools-route.yaml"));
    }

    @Test
    void theToolRunsBetweenTwoStreamedRoundsAndReasoningItemsAreToldApart() throws Exception {
        openai.enqueue(Reply.sse(fixture("quirks/deepseek_tool_call_empty_content.sse")),
                Reply.sse(fixture("quirks/deepseek_reasoning_content.sse")));
        MockEndpoint reasoning = getMockEndpoint("mock:reasoning");
        reasoning.expectedBodiesReceived("The capital", " of France is Paris.");
        MockEndpoint answer = getMockEndpoint("mock:answer");
        answer.expectedBodiesReceived("Par", "is.");

        template.sendBody("direct:yaml-streamed-tools", "Where is order 42?");

        MockEndpoint.assertIsSatisfied(context);
        assertEquals(2, openai.requestCount());
        String toolResult = openai.lastRequest().json().get("messages").get(2).get("content").asText();
        assertTrue(toolResult.contains("\"status\":\"shipped\""), toolResult);
    }
}
