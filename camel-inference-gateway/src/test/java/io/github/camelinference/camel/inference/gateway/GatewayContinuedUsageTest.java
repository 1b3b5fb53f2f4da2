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
package io.github.camelinference.camel.inference.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.Usage;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A stream the failover step continued on the router after OpenAI's broke: the usage chunk a client gets, and the
 * tenant's budget, count what both providers used, not only the continuation. A gateway of its own, so the tenant's
 * budget holds this test's spend only.
 */
@Timeout(60)
class GatewayContinuedUsageTest {

    private static final String ACME = "gk-acme-usage-test";
    /** The upper bound of the "Say hello" prompt's tokens (16 + 8 + "user" + "Say hello"): OpenAI's share. */
    private static final int PROMPT_BOUND = 37;

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        gateway = TestGateway.start(openai, huggingface, Map.of("gateway.tenant.acme.key", ACME,
                "gateway.retryDelay", "20", "gateway.firstTokenTimeout", "2000"));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void theUsageChunkAndTheBudgetOfAContinuedStreamCountBothProviders() {
        // two words from OpenAI, then its connection drops; the router writes the other three
        openai.always(Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3));
        huggingface.always(Reply.answer());
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(ACME).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();

        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("smart").addUserMessage("Say hello")
                        .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }

        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        assertEquals("Simulated answer to: Say hello", text.toString());
        assertEquals(1, huggingface.requestCount(), "the router continued the answer");
        CompletionUsage usage = chunks.get(chunks.size() - 1).usage().orElseThrow();
        // OpenAI: the prompt at its upper bound and the 2 deltas it delivered (its stream never reported usage);
        // the router: 4 prompt words ("Say hello" and the 2 words as a prefill) and the 3 it wrote
        assertEquals(2 + 3, usage.completionTokens(), "both providers' output");
        assertEquals(PROMPT_BOUND + 4, usage.promptTokens(), "both providers read the prompt");
        assertEquals(PROMPT_BOUND + 4 + 5, usage.totalTokens());

        // gpt-5-mini's built-in price for OpenAI's share (the router's model has no price here, so costs nothing),
        // instead of the maximum the cut call had reserved
        BudgetGuard budget = gateway.main().getCamelContext().getRegistry().lookupByNameAndType("budget",
                BudgetGuard.class);
        assertEquals(Prices.GPT_5_MINI.cost(new Usage(PROMPT_BOUND, 2, PROMPT_BOUND + 2, null, null)),
                budget.spent("acme"), 1e-12);
    }
}
