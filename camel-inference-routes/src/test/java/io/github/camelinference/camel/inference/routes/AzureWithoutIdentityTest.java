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
package io.github.camelinference.camel.inference.routes;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * This module gets the component without its optional azure-identity dependency, as an application that never calls
 * Azure does: the component starts and calls OpenAI and Azure with a key, and an Azure endpoint that would need
 * Microsoft Entra ID is refused at creation, naming the dependency to add.
 */
class AzureWithoutIdentityTest extends InferenceTestSupport {

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator openai;
    @Simulator(value = Flavour.AZURE, resetBeforeEach = true)
    static ProviderSimulator azure;

    @Test
    void azureIdentityIsNotOnThisModulesClasspath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.azure.core.credential.TokenCredential"));
    }

    @Test
    void otherProvidersAndAzureWithAKeyWorkWithoutIt() {
        Exchange openaiAnswer = template.request("inference:openai?baseUrl=" + openai.baseUrl() + "&apiKey=sk-test",
                e -> e.getMessage().setBody("Hello"));
        Exchange azureAnswer = template.request("inference:azure?baseUrl=" + azure.baseUrl()
                                                + "&deployment=gpt-5-mini&apiKey=azure-test",
                e -> e.getMessage().setBody("Hello"));

        assertNull(openaiAnswer.getException());
        assertNull(azureAnswer.getException());
        assertEquals("azure", azureAnswer.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("azure-test", azure.lastRequest().header("api-key"));
    }

    @Test
    void anAzureEndpointThatNeedsEntraIdIsRefusedNamingTheDependency() {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint("inference:azure?resource=my-resource&deployment=gpt-5-mini"));

        String message = e.getCause().getMessage();
        assertTrue(message.contains("com.azure:azure-identity"), message);
        assertTrue(message.contains("AZURE_OPENAI_API_KEY"), message);
    }
}
