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
package io.github.camelinference.camel.inference.provider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider names a user writes: in an endpoint URI ({@code inference:hf}) and as a configured type (a profile, the
 * starter, the gateway) they mean the same type.
 */
class ProviderTypeTest {

    @ParameterizedTest
    @CsvSource({
            "openai, OPENAI", "huggingface, HUGGINGFACE", "hf, HUGGINGFACE", "azure, AZURE",
            "openai-compatible, OPENAI_COMPATIBLE", "compatible, OPENAI_COMPATIBLE" })
    void anEndpointNameAndAConfiguredTypeMeanTheSameType(String name, ProviderType expected) {
        assertEquals(expected, ProviderType.forName(name));
        assertEquals(expected, ProviderType.parse(name));
    }

    @Test
    void aConfiguredTypeIgnoresCaseAndSurroundingBlanks() {
        assertEquals(ProviderType.HUGGINGFACE, ProviderType.parse(" HF "));
        assertEquals(ProviderType.OPENAI_COMPATIBLE, ProviderType.parse("OpenAI_Compatible"));
    }

    @Test
    void anEndpointNamedForNoKnownProviderSpeaksTheCompatibleWire() {
        assertEquals(ProviderType.OPENAI_COMPATIBLE, ProviderType.forName("ollama"));
        assertEquals(ProviderType.OPENAI_COMPATIBLE, ProviderType.forName("OpenAI"), "endpoint names are not folded");
    }

    @Test
    void theNameEachTypeIsShownByIsOneAConfigurationAccepts() {
        for (ProviderType type : ProviderType.values()) {
            assertEquals(type, ProviderType.parse(type.configName()), type.configName());
        }
        assertEquals("openai-compatible", ProviderType.OPENAI_COMPATIBLE.configName());
    }

    @Test
    void anUnknownConfiguredTypeIsRefusedWithTheAcceptedValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProviderType.parse("ollama"));
        assertTrue(e.getMessage().contains("'ollama'"), e.getMessage());
        assertTrue(e.getMessage().contains("openai, huggingface, azure, openai-compatible"), e.getMessage());
    }
}
