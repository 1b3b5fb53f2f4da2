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
package io.github.camelinference.camel.inference.integration;

import io.github.camelinference.camel.inference.InferenceConstants;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Calls the real services (run by failsafe); each test runs only where its key is set, and never in CI (CI=true), which
 * has no network to them.
 */
@DisabledIfEnvironmentVariable(named = "CI", matches = "true", disabledReason = "CI has no network to the providers")
class LiveProvidersIT extends CamelTestSupport {

    @Test
    @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
    void openAiAnswers() {
        // gpt-5-mini, the default, leaves OpenAI's API on 2026-12-11: its successor answers from then on
        Exchange result = template.request("inference:openai?reasoningEffort=minimal&maxTokens=256"
                                           + "&modelSuccessor=gpt-6.1-terra&dropUnsupportedParams=true",
                e -> e.getMessage().setBody("Say OK."));
        assertNull(result.getException());
        assertFalse(result.getMessage().getBody(String.class).isBlank());
        assertNotNull(result.getMessage().getHeader(InferenceConstants.TOTAL_TOKENS));
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "HF_TOKEN", matches = ".+")
    void huggingFaceRouterAnswersAndNamesTheBackend() {
        Exchange result = template.request("inference:huggingface?routerPolicy=fastest&maxTokens=256",
                e -> e.getMessage().setBody("Say OK."));
        assertNull(result.getException());
        assertNotNull(result.getMessage().getHeader(InferenceConstants.BACKEND));
    }

    /**
     * Azure OpenAI: AZURE_OPENAI_ENDPOINT names the resource, AZURE_OPENAI_DEPLOYMENT the deployment (default
     * gpt-5-mini); with AZURE_OPENAI_API_KEY the key is used, else Microsoft Entra ID through DefaultAzureCredential.
     */
    @Test
    @EnabledIfEnvironmentVariable(named = "AZURE_OPENAI_ENDPOINT", matches = ".+")
    void azureOpenAiAnswers() {
        String deployment = System.getenv().getOrDefault("AZURE_OPENAI_DEPLOYMENT", "gpt-5-mini");
        Exchange result = template.request("inference:azure?baseUrl=" + System.getenv("AZURE_OPENAI_ENDPOINT")
                                           + "&deployment=" + deployment + "&maxTokens=256",
                e -> e.getMessage().setBody("Say OK."));
        assertNull(result.getException());
        assertFalse(result.getMessage().getBody(String.class).isBlank());
        assertNotNull(result.getMessage().getHeader(InferenceConstants.TOTAL_TOKENS));
    }
}
