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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each tenant spends its own amount a day ({@code gateway.tenant.<t>.usdPerDay}), else the gateway's
 * ({@code gateway.budget.usdPerDay}), as the official openai-java SDK sees it. A call may start while the tenant has
 * spent less than its amount; one answer through {@code smart} (gpt-5-mini, priced) costs about 1e-5 USD, so an amount
 * of a few nano-dollars admits exactly one call and 1 USD thousands.
 */
@Timeout(60)
class GatewayTenantBudgetTest {

    private static final String TIGHT = "gk-tight-test";
    private static final String ROOMY = "gk-roomy-test";
    private static final String PLAIN = "gk-plain-test";
    private static final String ANSWER = "Simulated answer to: Say hello";

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static String baseUrl;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI).always(Reply.answer());
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer());
        Map<String, String> settings = new HashMap<>();
        settings.put("gateway.budget.usdPerDay", "0.000000001");
        settings.put("gateway.tenant.tight.key", TIGHT);
        settings.put("gateway.tenant.tight.usdPerDay", "0.000000002");
        settings.put("gateway.tenant.roomy.key", ROOMY);
        settings.put("gateway.tenant.roomy.usdPerDay", "1");
        settings.put("gateway.tenant.plain.key", PLAIN);
        gateway = TestGateway.start(openai, huggingface, settings);
        baseUrl = gateway.baseUrl();
    }

    @AfterAll
    static void stopGateway() throws Exception {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletion hello(String key) {
        return client(key).chat().completions().create(ChatCompletionCreateParams.builder().model("smart")
                .addUserMessage("Say hello").build());
    }

    /** The tenant's next call is refused as over budget, before any provider call. */
    private static void assertOverBudget(String key) {
        int calls = openai.requestCount();
        RateLimitException e = assertThrows(RateLimitException.class, () -> hello(key));
        assertEquals(429, e.statusCode());
        assertEquals("budget_exceeded", e.code().orElseThrow());
        assertTrue(Long.parseLong(e.headers().values("retry-after").get(0)) > 0, "Retry-After: the next UTC day");
        assertEquals(calls, openai.requestCount(), "a refused call reaches no provider");
    }

    @Test
    void aTenantWithASmallAmountIsRefusedWhileOneWithALargerAmountStillWorks() {
        assertEquals(ANSWER, hello(TIGHT).choices().get(0).message().content().orElseThrow());
        assertOverBudget(TIGHT);

        for (int i = 0; i < 3; i++) {
            assertEquals(ANSWER, hello(ROOMY).choices().get(0).message().content().orElseThrow(),
                    "roomy's amount is its own: tight's spend and the gateway's tiny default do not touch it");
        }
    }

    @Test
    void aTenantWithoutAnAmountHasTheGatewaysAmount() {
        assertEquals(ANSWER, hello(PLAIN).choices().get(0).message().content().orElseThrow());

        assertOverBudget(PLAIN);
    }
}
