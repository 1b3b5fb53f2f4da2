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
package io.github.camelinference.camel.inference.gateway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.gateway.Gateway;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A container configured by its environment alone: providers, tenants and short-form models from variables, as
 * {@code GATEWAY_PROVIDER_<NAME>_<SETTING>}, {@code GATEWAY_TENANT_<NAME>_<SETTING>} and {@code GATEWAY_MODELS_<NAME>}.
 */
@Timeout(60)
class GatewayEnvironmentTest {

    private static final String TEAM = "gk-team-env-test-key";

    @TempDir
    Path dir;

    @Test
    void aProviderAModelAndATenantFromTheEnvironmentAloneAnswer() throws Exception {
        try (ProviderSimulator local = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer())) {
            GatewayConfig config = GatewayConfig.load(null, Map.of(
                    "camel.server.port", Integer.toString(TestGateway.freePort()),
                    "camel.management.port", Integer.toString(TestGateway.freePort())),
                    Map.of("GATEWAY_PROVIDER_LOCAL_TYPE", "openai-compatible",
                            "GATEWAY_PROVIDER_LOCAL_BASEURL", local.baseUrl(),
                            "GATEWAY_MODELS_FAST", "local:qwen3-8b",
                            "GATEWAY_TENANT_TEAM_KEY", TEAM));
            assertFalse(config.demo(), "a provider from the environment ends the demo");
            assertEquals("environment variable GATEWAY_PROVIDER_LOCAL_BASEURL",
                    config.origin("gateway.provider.local.baseUrl"));
            Main gateway = Gateway.create(config, null);
            gateway.start();
            try {
                OpenAIClient client = OpenAIOkHttpClient.builder()
                        .baseUrl("http://127.0.0.1:" + config.get("camel.server.port") + "/v1").apiKey(TEAM)
                        .maxRetries(0).timeout(Duration.ofSeconds(20)).build();
                String answer = client.chat().completions().create(ChatCompletionCreateParams.builder().model("fast")
                        .addUserMessage("Say hello").build()).choices().get(0).message().content().orElseThrow();
                assertEquals("Simulated answer to: Say hello", answer);
                assertEquals("qwen3-8b", local.lastRequest().json().path("model").asText());
            } finally {
                gateway.stop();
            }
        }
    }

    @Test
    void aVariableReachesTheProviderAFileNamesWithADash() throws Exception {
        Files.writeString(dir.resolve("gateway.properties"), "gateway.provider.my-corp.type = openai\n");
        GatewayConfig config = GatewayConfig.load(dir, Map.of(),
                Map.of("GATEWAY_PROVIDER_MY_CORP_BASEURL", "http://llm.internal/v1"));
        assertEquals("http://llm.internal/v1", config.get("gateway.provider.my-corp.baseUrl"));
        assertNull(config.get("gateway.provider.my_corp.baseUrl"), "no second provider");
    }

    @Test
    void aVariableThatNamesNoSettingIsRefusedSayingWhichItMayEndWith() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(null, Map.of(), Map.of("GATEWAY_PROVIDER_CORP_BASE_URL", "http://x/v1")));
        assertTrue(e.getMessage().contains("GATEWAY_PROVIDER_CORP_BASE_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("BASEURL"), e.getMessage());
        IllegalArgumentException tenant = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(null, Map.of(), Map.of("GATEWAY_TENANT_ACME_LIMIT", "5")));
        assertTrue(tenant.getMessage().contains("USDPERDAY"), tenant.getMessage());
    }

    @Test
    void otherVariablesAddNothing() {
        GatewayConfig config = GatewayConfig.load(null, Map.of(),
                Map.of("PATH", "/usr/bin", "GATEWAY_CONFIG_DIR", "/config", "GATEWAY_ADMIN_KEY", "not-a-setting",
                        "GATEWAY_TENANTS_STORE_X", "y"));
        assertTrue(config.demo(), "still the offline demo");
        assertTrue(config.properties().stringPropertyNames().stream()
                .noneMatch(name -> name.startsWith("gateway.provider.") || name.startsWith("gateway.models.")),
                config.properties().toString());
    }
}
