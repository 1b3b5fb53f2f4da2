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
package io.github.camelinference.camel.inference.gateway.usage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.camel.inference.gateway.admin.AdminHttp;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.LocalRedis;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /v1/usage} after a mixed run (JSON, streams, tool calls, and a stream cut mid-way that the failover step
 * continued on the next target) equals what the budget counted: the same USD, the tokens the callers were told, a
 * request per provider call. Usage is kept on Redis, as instances sharing it keep it.
 */
@Timeout(90)
class GatewayUsageTest {

    private static final String ADMIN = "admin-key-usage-test";
    private static final String ACME = "gk-acme-usage-sum-test";
    private static final String GLOBEX = "gk-globex-usage-sum-test";
    private static final double CENT_FRACTION = 1e-12;

    private static LocalRedis redis;
    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static AdminHttp publicPort;
    private static AdminHttp management;

    @BeforeAll
    static void start() throws Exception {
        redis = LocalRedis.start();
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer());
        int managementPort = TestGateway.freePort();
        gateway = TestGateway.start(openai, huggingface, Map.of(
                "camel.management.port", Integer.toString(managementPort), "gateway.redis.uri", redis.uri(),
                "gateway.admin.key", ADMIN, "gateway.tenant.acme.key", ACME, "gateway.tenant.globex.key", GLOBEX,
                "gateway.retryDelay", "20", "gateway.firstTokenTimeout", "2000"));
        publicPort = new AdminHttp("http://127.0.0.1:" + gateway.port());
        management = AdminHttp.management(managementPort);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openai.close();
        huggingface.close();
        redis.close();
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletionCreateParams.Builder ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello");
    }

    private static ChatCompletionCreateParams.Builder withTool(String model) {
        return ask(model).addFunctionTool(FunctionDefinition.builder().name("lookupOrder")
                .parameters(FunctionParameters.builder().putAdditionalProperty("type", JsonValue.from("object"))
                        .build())
                .build());
    }

    /** A streamed call's usage chunk (the gateway asks every provider for one). */
    private static CompletionUsage streamed(OpenAIClient client, ChatCompletionCreateParams.Builder params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunks::add);
        }
        return chunks.get(chunks.size() - 1).usage().orElseThrow();
    }

    private static long[] sum(List<CompletionUsage> usages) {
        long[] sum = new long[2];
        usages.forEach(usage -> {
            sum[0] += usage.promptTokens();
            sum[1] += usage.completionTokens();
        });
        return sum;
    }

    @Test
    void usageEqualsTheBudgetsCountsAfterAMixedRun() throws Exception {
        OpenAIClient acme = client(ACME);
        List<CompletionUsage> told = new ArrayList<>();
        openai.always(Reply.answer());
        told.add(acme.chat().completions().create(ask("smart").build()).usage().orElseThrow());
        told.add(streamed(acme, ask("smart")));
        openai.always(Reply.toolCall("lookupOrder", "{\"order\":\"A-17\"}"));
        ChatCompletion toolAnswer = acme.chat().completions().create(withTool("smart").build());
        assertTrue(toolAnswer.choices().get(0).message().toolCalls().isPresent(), "a tool call came back");
        told.add(toolAnswer.usage().orElseThrow());
        told.add(streamed(acme, withTool("smart")));
        // two words from OpenAI, then its connection drops; the router writes the other three
        openai.always(Reply.answer().paced(Duration.ofMillis(20)).cutAfterChunks(3));
        told.add(streamed(acme, ask("smart")));
        told.add(acme.chat().completions().create(ask("cheap").build()).usage().orElseThrow());
        int acmeCalls = openai.requestCount() + huggingface.requestCount();
        assertEquals(7, acmeCalls, "six requests, one continued on a second provider");

        CompletionUsage globexTold = client(GLOBEX).chat().completions().create(ask("cheap").build()).usage()
                .orElseThrow();

        BudgetGuard budget = gateway.main().getCamelContext().getRegistry().lookupByNameAndType("budget",
                BudgetGuard.class);
        JsonNode own = publicPort.get("/v1/usage", ACME).json();
        assertEquals("page", own.path("object").asText());
        List<JsonNode> results = results(own);
        Set<String> tenants = new HashSet<>();
        results.forEach(result -> tenants.add(result.path("project_id").asText()));
        assertEquals(Set.of("acme"), tenants, "a tenant sees its own usage only");
        long[] tokens = sum(told);
        assertEquals(tokens[0], total(results, "input_tokens"), "the prompt tokens the callers were told");
        assertEquals(tokens[1], total(results, "output_tokens"), "the completion tokens the callers were told");
        assertEquals(acmeCalls, total(results, "num_model_requests"), "a request per provider call");
        assertEquals(budget.spent("acme"), usd(results), CENT_FRACTION, "the USD the budget counted");
        assertTrue(budget.spent("acme") > 0, "gpt-5-mini is priced");
        Set<String> models = new HashSet<>();
        results.forEach(result -> models.add(result.path("model").asText()));
        assertEquals(Set.of("gpt-5-mini", "openai/gpt-oss-120b"), models, "grouped by the model each call was for");

        for (AdminHttp.Answer all : List.of(publicPort.get("/v1/usage", ADMIN), management.get("/admin/usage", ADMIN))) {
            List<JsonNode> every = results(all.json());
            List<JsonNode> globex = every.stream().filter(r -> r.path("project_id").asText().equals("globex")).toList();
            assertEquals(globexTold.promptTokens(), total(globex, "input_tokens"));
            assertEquals(globexTold.completionTokens(), total(globex, "output_tokens"));
            assertEquals(1, total(globex, "num_model_requests"));
            assertEquals(budget.spent("globex"), usd(globex), CENT_FRACTION);
            assertEquals(tokens[0] + globexTold.promptTokens(), total(every, "input_tokens"), "every tenant");
        }
    }

    @Test
    void aWrongQueryIsRefusedSayingWhatIsAccepted() throws Exception {
        AdminHttp.Answer answer = publicPort.get("/v1/usage?bucket_width=1h", ACME);
        assertEquals(400, answer.status());
        assertTrue(answer.body().contains("use 1d"), answer.body());
        assertEquals(401, publicPort.get("/v1/usage", "gk-nobody").status());
    }

    private static List<JsonNode> results(JsonNode page) {
        List<JsonNode> results = new ArrayList<>();
        page.path("data").forEach(bucket -> bucket.path("results").forEach(results::add));
        return results;
    }

    private static long total(List<JsonNode> results, String field) {
        return results.stream().mapToLong(result -> result.path(field).asLong()).sum();
    }

    private static double usd(List<JsonNode> results) {
        return results.stream().mapToDouble(result -> result.path("amount").path("value").asDouble()).sum();
    }
}
