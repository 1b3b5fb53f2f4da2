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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import io.github.camelinference.camel.inference.gateway.config.GatewayConfig;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The gateway as a deployment runs it: started from a config directory naming its providers by base URL (OpenAI, an
 * OpenAI-compatible server that is not OpenAI, an Azure OpenAI resource), models in the short form and in the
 * directory's YAML routes, and tenants of its own; the official openai-java SDK as the client.
 */
@Timeout(60)
class GatewayConfiguredProvidersTest {

    private static final String TEAM = "gk-team-test-key";
    private static final String AZURE_KEY = "azure-test-key-0123";
    private static final String ROUTER_KEY = "router-test-key-4567";
    private static final String ANSWER = "Simulated answer to: Say hello";

    @TempDir
    static Path dir;

    private static ProviderSimulator openai;
    private static ProviderSimulator router;
    private static ProviderSimulator azure;
    private static Main gateway;
    private static String baseUrl;

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        router = ProviderSimulator.start(Flavour.HUGGINGFACE);
        azure = ProviderSimulator.start(Flavour.AZURE);
        int port = TestGateway.freePort();
        Files.writeString(dir.resolve("gateway.properties"), """
                camel.server.port = %d
                camel.management.port = %d
                gateway.provider.corp.type = openai
                gateway.provider.corp.baseUrl = %s
                gateway.provider.corp.key = sk-corp-test
                # not OpenAI: the Hugging Face flavour of the simulator, called as any OpenAI-compatible server
                gateway.provider.router.type = openai-compatible
                gateway.provider.router.baseUrl = %s
                gateway.provider.router.key = %s
                gateway.provider.az.type = azure
                gateway.provider.az.baseUrl = %s
                gateway.provider.az.key = %s
                gateway.models.fast = router:openai/gpt-oss-20b, corp:gpt-5-mini
                gateway.models.azure-chat = az:chat-deployment
                gateway.requestTimeout = 5000
                gateway.retryDelay = 20
                gateway.breaker.minimumNumberOfCalls = 100000
                gateway.breaker.slidingWindowSize = 1000
                """.formatted(port, TestGateway.freePort(), openai.baseUrl(), router.baseUrl(), ROUTER_KEY,
                azure.baseUrl(), AZURE_KEY));
        // a tenant's key from the environment, as a container is given it
        Files.writeString(dir.resolve("tenants.properties"), "gateway.tenant.team.key = {{env:TEAM_KEY}}\n");
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/models.yaml"),
                """
                        - templatedRoute:
                            routeTemplateRef: gateway-failover-model
                            routeId: model-yaml
                            parameters:
                              - { name: name,     value: yaml }
                              - { name: primary,  value: "inference:openai?baseUrl={{gateway.provider.corp.baseUrl}}&apiKey=RAW({{gateway.provider.corp.key}})&model=gpt-5-nano" }
                              - { name: fallback, value: "inference:router?baseUrl={{gateway.provider.router.baseUrl}}&model=openai/gpt-oss-120b" }
                        """);
        gateway = Gateway.create(GatewayConfig.load(dir, Map.of(), Map.of("TEAM_KEY", TEAM)::get), null);
        gateway.start();
        baseUrl = "http://127.0.0.1:" + port + "/v1";
    }

    @AfterAll
    static void stopGateway() {
        gateway.stop();
        openai.close();
        router.close();
        azure.close();
    }

    @BeforeEach
    void script() {
        for (ProviderSimulator simulator : List.of(openai, router, azure)) {
            simulator.reset();
            simulator.always(Reply.answer());
        }
        azure.requireCredentials(AZURE_KEY).deployments("chat-deployment");
    }

    private static OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build();
    }

    @Test
    void answersFromTheFirstTargetOfAShortFormModel() {
        HttpResponseFor<ChatCompletion> raw = client(TEAM).chat().completions().withRawResponse()
                .create(hello("fast"));
        assertEquals(ANSWER, raw.parse().choices().get(0).message().content().orElseThrow());
        assertEquals("router", raw.headers().values("x-camel-inference-provider").get(0));
        assertEquals("openai/gpt-oss-20b", router.lastRequest().json().path("model").asText());
        assertEquals("Bearer " + ROUTER_KEY, router.lastRequest().header("Authorization"));
        assertEquals(0, openai.requestCount());
    }

    @Test
    void failsOverToTheNextTargetInOrder() {
        router.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}"));
        HttpResponseFor<ChatCompletion> raw = client(TEAM).chat().completions().withRawResponse()
                .create(hello("fast"));
        assertEquals(ANSWER, raw.parse().choices().get(0).message().content().orElseThrow());
        assertEquals("openai", raw.headers().values("x-camel-inference-provider").get(0));
        assertEquals("gpt-5-mini", openai.lastRequest().json().path("model").asText());
        assertEquals("Bearer sk-corp-test", openai.lastRequest().header("Authorization"));
    }

    @Test
    void streamsThroughAShortFormModel() {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client(TEAM).chat().completions()
                .createStreaming(hello("fast"))) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }
        assertEquals(ANSWER, text.toString());
        assertEquals(true, router.lastRequest().json().path("stream").asBoolean());
    }

    @Test
    void callsAnAzureResourceWithItsApiKey() {
        HttpResponseFor<ChatCompletion> raw = client(TEAM).chat().completions().withRawResponse()
                .create(hello("azure-chat"));
        assertEquals(ANSWER, raw.parse().choices().get(0).message().content().orElseThrow());
        assertEquals("azure", raw.headers().values("x-camel-inference-provider").get(0));
        assertEquals(AZURE_KEY, azure.lastRequest().header("api-key"));
        assertEquals("chat-deployment", azure.lastRequest().json().path("model").asText());
    }

    @Test
    void servesTheConfigDirectorysYamlRoutesBesideTheShortForm() {
        List<String> ids = client(TEAM).models().list().data().stream().map(Model::id).sorted().toList();
        assertEquals(List.of("azure-chat", "fast", "yaml"), ids);
        assertEquals(ANSWER, client(TEAM).chat().completions().create(hello("yaml")).choices().get(0).message()
                .content().orElseThrow());
        assertEquals("gpt-5-nano", openai.lastRequest().json().path("model").asText());
    }

    @Test
    void hasNoneOfTheDemosTenants() {
        assertThrows(UnauthorizedException.class,
                () -> client("gk-acme-local-only").chat().completions().create(hello("fast")));
        assertEquals(0, router.requestCount() + openai.requestCount());
    }
}
