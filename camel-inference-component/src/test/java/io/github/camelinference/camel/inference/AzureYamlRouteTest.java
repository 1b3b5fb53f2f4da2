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

import com.azure.core.credential.TokenCredential;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Azure OpenAI from the YAML DSL: a key from the environment, Entra ID through a bean, and errors by type. */
class AzureYamlRouteTest extends SimulatorTestSupport {

    @Simulator(value = Flavour.AZURE, resetBeforeEach = true)
    static ProviderSimulator azure;

    @BindToRegistry("entra")
    private final TokenCredential entra = EntraCredentials.clientSecret(azure);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getComponent("inference", InferenceComponent.class)
                .setEnvironment(name -> "AZURE_OPENAI_API_KEY".equals(name) ? AzureOpenAiTest.AZURE_KEY : null);
        return camel;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("azure.url", azure.baseUrl());
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        azure.entraClient(EntraCredentials.CLIENT_ID, EntraCredentials.SECRET);
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/azure-route.yaml"));
    }

    @Test
    void aYamlRouteCallsTheDeploymentUrlWithTheKeyFromTheEnvironment() {
        azure.requireCredentials(AzureOpenAiTest.AZURE_KEY);

        Exchange answered = template.request("direct:azure-key", e -> e.getMessage().setBody("Hello from YAML"));

        assertEquals("Simulated answer to: Hello from YAML", answered.getMessage().getBody());
        assertEquals("safe", answered.getMessage().getHeader("violence"), "the verdicts read in Simple");
        assertEquals("/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21",
                azure.lastRequest().path());
        assertEquals(AzureOpenAiTest.AZURE_KEY, azure.lastRequest().header("api-key"));
        assertEquals(400, azure.lastRequest().json().get("max_completion_tokens").asInt());
    }

    @Test
    void aYamlRouteCallsTheV1ApiWithAnEntraToken() {
        azure.requireCredentials(null);

        String answer = template.requestBody("direct:azure-entra", "Hello", String.class);

        assertEquals("Simulated answer to: Hello", answer);
        // (not "the first token issued": the previous test's context may have asked for one as it stopped)
        String bearer = azure.lastRequest().header("authorization").substring("Bearer ".length());
        assertTrue(azure.tokenValid(bearer), "a token the simulator's Entra endpoint issued");
    }

    @Test
    void aYamlErrorHandlerSeesTheFilteredCategories() {
        azure.enqueue(Reply.contentFilteredPrompt("self_harm", "medium"));

        String body = template.requestBody("direct:azure-key", "something", String.class);

        assertEquals("filtered: {self_harm=medium}", body);
    }
}
