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

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage a provider sends is believed only when it can be true; a cost is never negative. */
class UsageReadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Usage read(String json) throws Exception {
        return ChatWireFormat.readUsage(JSON.readTree(json));
    }

    @Test
    void consistentUsageIsReadAsSent() throws Exception {
        Usage usage = read("{\"prompt_tokens\":2746,\"completion_tokens\":197,\"total_tokens\":2943,"
                           + "\"prompt_tokens_details\":{\"cached_tokens\":2208},"
                           + "\"completion_tokens_details\":{\"reasoning_tokens\":64}}");
        assertFalse(usage.isMalformed());
        assertEquals(2746, usage.promptTokens());
        assertEquals(2208, usage.cachedTokens());
        assertEquals(64, usage.reasoningTokens());
    }

    @Test
    void aNegativeCountIsMalformed() throws Exception {
        Usage usage = read("{\"prompt_tokens\":-1000000,\"completion_tokens\":5}");
        assertTrue(usage.isMalformed());
        assertTrue(usage.problem().contains("prompt_tokens is out of range: -1000000"), usage.problem());
        assertNull(Prices.GPT_5_MINI.cost(usage), "malformed usage is never costed");
    }

    @Test
    void moreCachedThanPromptTokensIsMalformed() throws Exception {
        Usage usage = read("{\"prompt_tokens\":10,\"completion_tokens\":5,"
                           + "\"prompt_tokens_details\":{\"cached_tokens\":1000000}}");
        assertTrue(usage.isMalformed());
        assertTrue(usage.problem().contains("cached_tokens 1000000 exceeds prompt_tokens 10"), usage.problem());
    }

    @Test
    void aCountBeyondIntIsNotWrappedToANegativeNumber() throws Exception {
        Usage usage = read("{\"prompt_tokens\":10,\"completion_tokens\":4294967295}");
        assertTrue(usage.isMalformed(), "4294967295 used to be read as -1");
        assertTrue(usage.problem().contains("4294967295"), usage.problem());
        assertTrue(read("{\"prompt_tokens\":10,\"completion_tokens\":123456789012345678901234567890}").isMalformed());
    }

    @Test
    void countsSentAsStringsOrFractionsAreMalformed() throws Exception {
        Usage strings = read("{\"prompt_tokens\":\"10\",\"completion_tokens\":\"5000\"}");
        assertTrue(strings.isMalformed());
        assertTrue(strings.problem().contains("prompt_tokens is not a whole number: \"10\""), strings.problem());
        assertTrue(read("{\"prompt_tokens\":10.5,\"completion_tokens\":5}").isMalformed());
        assertFalse(read("{\"prompt_tokens\":10.0,\"completion_tokens\":5}").isMalformed(), "10.0 is a whole number");
    }

    @Test
    void aCostIsNeverNegativeEvenFromAHandMadeUsage() {
        assertEquals(0.0, Prices.GPT_5_MINI.cost(new Usage(-1_000_000, -5, null, null, null)));
        Double cost = Prices.GPT_5_MINI.cost(new Usage(10, 0, 10, 1_000_000, null));
        assertEquals(10 * 0.025 / 1e6, cost, 1e-15, "cached tokens count at most as the prompt's");
    }

    @Test
    void theMaximumCostPricesEveryPromptTokenAtTheDearerInputPrice() {
        assertEquals((100 * 0.25 + 1000 * 2.00) / 1e6, Prices.GPT_5_MINI.maxCost(100, 1000), 1e-15);
        assertEquals((100 * 3.0 + 10 * 1.0) / 1e6, new Prices(1.0, 3.0, 1.0).maxCost(100, 10), 1e-15);
    }
}
