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

import io.github.camelinference.camel.inference.provider.AzureDeployment;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An {@code inference:azure} endpoint with an option that cannot work is refused when it is created, with a message
 * naming the option and what to set; a good one resolves to the URL Azure serves.
 */
class AzureBadInputTest extends SimulatorTestSupport {

    /** A URI after {@code inference:azure?apiKey=...&}, and the words its error must contain. */
    private record Bad(String options, String... expected) {
    }

    private static final List<Bad> BAD = List.of(
            new Bad("deployment=gpt-5-mini", "no Azure OpenAI resource", "resource", "baseUrl"),
            new Bad("resource=my-resource", "no deployment", "deployment="),
            new Bad("resource=my-resource&deployment=gpt/5", "deployment 'gpt/5'", "path segment"),
            new Bad("resource=my-resource&deployment=my deployment", "deployment 'my deployment'", "path segment"),
            new Bad("resource=my-resource&deployment=..", "deployment '..'", "path segment"),
            new Bad("resource=my-resource&deployment=a?b", "deployment 'a?b'", "path segment"),
            new Bad("resource=my.resource&deployment=d", "resource 'my.resource'", "host"),
            new Bad("resource=-resource&deployment=d", "resource '-resource'", "hyphens"),
            new Bad(
                    "resource=https://x.openai.azure.com&deployment=d", "resource 'https://x.openai.azure.com'",
                    "baseUrl"),
            new Bad("resource=r&baseUrl=https://r.openai.azure.com&deployment=d", "both resource and baseUrl"),
            new Bad("baseUrl=r.openai.azure.com&deployment=d", "baseUrl", "http:// or https://"),
            new Bad(
                    "baseUrl=https://r.openai.azure.com?api-version=2024-10-21&deployment=d", "baseUrl",
                    "apiVersion"),
            new Bad("resource=r&deployment=d&apiVersion=v1", "apiVersion 'v1'", "2024-10-21", "unset"),
            new Bad("resource=r&deployment=d&model=gpt-5-mini", "deployment 'd' and model 'gpt-5-mini' differ"));

    @Test
    void everyBadAzureOptionIsRefusedAtCreationNamingWhatToSet() {
        List<String> problems = new ArrayList<>();
        for (Bad bad : BAD) {
            String uri = "inference:azure?apiKey=RAW(" + AzureOpenAiTest.AZURE_KEY + ")&" + bad.options;
            String message = error(uri);
            for (String expected : bad.expected) {
                if (!message.contains(expected)) {
                    problems.add(bad.options + " -> " + message + " (missing '" + expected + "')");
                }
            }
            if (message.contains(AzureOpenAiTest.AZURE_KEY)) {
                problems.add(bad.options + " -> the error shows the key");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void azureOptionsOnAnotherProviderAreRefused() {
        String message = error(openaiUri("deployment=gpt-5-mini"));

        assertContains(message, "Azure OpenAI only", "inference:azure");
    }

    @Test
    void aResourceNameBecomesItsOpenAiAzureHost() {
        AzureDeployment v1 = AzureDeployment.resolve("My-Resource", null, "gpt-5-mini", null);
        AzureDeployment dated = AzureDeployment.resolve("my-resource", null, "gpt-5-mini", "2024-10-21");

        assertEquals("https://my-resource.openai.azure.com/openai/v1/chat/completions",
                v1.completionsUri().toString());
        assertEquals("https://my-resource.openai.azure.com/openai/deployments/gpt-5-mini/chat/completions"
                     + "?api-version=2024-10-21",
                dated.completionsUri().toString());
    }

    @Test
    void aBaseUrlCopiedWithOpenAiOrV1OnItsEndMeansTheSameEndpoint() {
        for (String copied : new String[] {
                "https://gw.example.com/azure", "https://gw.example.com/azure/",
                "https://gw.example.com/azure/openai", "https://gw.example.com/azure/openai/v1/" }) {
            assertEquals("https://gw.example.com/azure/openai/v1/chat/completions",
                    AzureDeployment.resolve(null, copied, "d", null).completionsUri().toString(), copied);
        }
    }

    @Test
    void anAzureEndpointWithoutAKeyIsCreatedForMicrosoftEntraId() throws Exception {
        // in a context that is not started: the endpoint is created and checked, and no token is asked for (which
        // DefaultAzureCredential would look for on the network)
        try (DefaultCamelContext idle = new DefaultCamelContext()) {
            InferenceComponent component = new InferenceComponent();
            component.setEnvironment(name -> null);
            idle.addComponent("inference", component);

            InferenceEndpoint endpoint = idle.getEndpoint("inference:azure?resource=my-resource&deployment=d",
                    InferenceEndpoint.class);

            assertEquals("d", endpoint.getConfiguration().getModel(), "on Azure the model is the deployment");
            assertNull(endpoint.getTokenStatus(), "not started: no token asked for");
        }
    }

    private String error(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(uri), uri);
        return e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            if (!text.contains(part)) {
                throw new AssertionError("'" + part + "' not in: " + text);
            }
        }
    }
}
