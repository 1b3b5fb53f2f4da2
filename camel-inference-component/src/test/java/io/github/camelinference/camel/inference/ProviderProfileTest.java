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

import io.github.camelinference.camel.inference.provider.ProviderType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Named provider profiles: {@code inference:openai-eu} picks up its own block of settings. */
class ProviderProfileTest extends SimulatorTestSupport {

    @Test
    void twoProfilesReachTwoServersEachSpeakingItsOwnDialect() {
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        InferenceConfiguration eu = new InferenceConfiguration();
        eu.setBaseUrl(openai.baseUrl());
        eu.setApiKey(OPENAI_KEY);
        eu.setModel("gpt-5-nano");
        component.addProviderProfile("openai-eu", ProviderType.OPENAI, eu);
        InferenceConfiguration cheap = new InferenceConfiguration();
        cheap.setBaseUrl(huggingface.baseUrl());
        cheap.setApiKey(HF_KEY);
        cheap.setRouterPolicy("cheapest");
        component.addProviderProfile("hf-cheap", ProviderType.HUGGINGFACE, cheap);

        template.requestBody("inference:openai-eu?maxTokens=100", "Hi");
        template.requestBody("inference:hf-cheap?maxTokens=100", "Hi");

        var toOpenAi = openai.lastRequest().json();
        assertEquals("gpt-5-nano", toOpenAi.get("model").asText());
        assertTrue(toOpenAi.has("max_completion_tokens"), "spoken as OpenAI: " + toOpenAi);
        var toRouter = huggingface.lastRequest().json();
        assertEquals("openai/gpt-oss-120b:cheapest", toRouter.get("model").asText());
        assertFalse(toRouter.has("max_completion_tokens"));
        assertEquals(1, openai.requestCount());
        assertEquals(1, huggingface.requestCount());
    }
}
