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
import java.util.Map;

import io.github.camelinference.camel.inference.gateway.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Configuration the gateway cannot use is refused when it is created, before any route or port is opened, with a
 * message naming the setting and the file and line it is on.
 */
class GatewayConfigRefusalsTest {

    private static final String PROVIDER = """
            # a provider every case below may use
            gateway.provider.local.type = openai-compatible
            gateway.provider.local.baseUrl = http://127.0.0.1:1/v1
            """;

    @TempDir
    Path dir;

    /** The message Gateway.create refuses this gateway.properties with. */
    private String refusal(String gatewayProperties) throws Exception {
        return refusal(gatewayProperties, Map.of());
    }

    private String refusal(String gatewayProperties, Map<String, String> env) throws Exception {
        Files.writeString(dir.resolve("gateway.properties"), gatewayProperties);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gateway.create(GatewayConfig.load(dir, Map.of(), env::get), null));
        return e.getMessage();
    }

    private String file() {
        return dir.resolve("gateway.properties").toString();
    }

    @Test
    void refusesAnUnknownProviderTypeNamingItsLine() throws Exception {
        String message = refusal(PROVIDER + "gateway.provider.cloud.type = bedrock\n");
        assertTrue(message.contains("gateway.provider.cloud.type = bedrock (" + file() + " line 4)"), message);
        assertTrue(message.contains("openai, huggingface, azure or openai-compatible"), message);
    }

    @Test
    void refusesAProviderWithoutAType() throws Exception {
        String message = refusal(PROVIDER + "gateway.provider.cloud.baseUrl = http://127.0.0.1:2/v1\n");
        assertTrue(message.contains("provider 'cloud' has no type"), message);
        assertTrue(message.contains("gateway.provider.cloud.baseUrl (" + file() + " line 4)"), message);
    }

    @Test
    void refusesAnOpenAiCompatibleProviderWithoutABaseUrl() throws Exception {
        String message = refusal("gateway.provider.vllm.type = openai-compatible\n");
        assertTrue(message.contains("provider 'vllm'") && message.contains("no base URL"), message);
        assertTrue(message.contains(file() + " line 1"), message);
    }

    @Test
    void refusesAMisspelledProviderSetting() throws Exception {
        String message = refusal(PROVIDER + "gateway.provider.local.baseurl = http://127.0.0.1:2/v1\n");
        assertTrue(message.contains("gateway.provider.local.baseurl (" + file() + " line 4) is not a provider setting"),
                message);
    }

    @Test
    void refusesAModelWithNoTargetsNamingItsLine() throws Exception {
        String message = refusal(PROVIDER + "gateway.models.fast = local:qwen3-8b\ngateway.models.empty =  \n");
        assertTrue(message.contains("model 'empty' has no targets"), message);
        assertTrue(message.contains("gateway.models.empty (" + file() + " line 5)"), message);
    }

    @Test
    void refusesATargetOnAProviderThatIsNotConfigured() throws Exception {
        String message = refusal(PROVIDER + "gateway.models.fast = local:qwen3-8b, openai:gpt-5-mini\n");
        assertTrue(message.contains("gateway.models.fast (" + file() + " line 4)"), message);
        assertTrue(message.contains("names provider 'openai', which is not configured; configured: local"), message);
    }

    @Test
    void refusesATargetWithoutAModel() throws Exception {
        String message = refusal(PROVIDER + "gateway.models.fast = local\n");
        assertTrue(message.contains("'local' is not a target; write <provider>:<model>"), message);
    }

    @Test
    void refusesATenantWithNoKeyNamingItsLine() throws Exception {
        String message = refusal(PROVIDER + "gateway.tenant.acme.key = gk-acme-0123456789\n"
                                 + "gateway.tenant.globex.models = fast\n");
        assertTrue(message.contains("tenant 'globex' has no key"), message);
        assertTrue(message.contains("gateway.tenant.globex.models (" + file() + " line 5)"), message);
    }

    @Test
    void refusesADuplicateKeyNamingBothLinesButNotTheKey() throws Exception {
        String message = refusal(PROVIDER + "gateway.tenant.acme.key = gk-shared-secret-42\n"
                                 + "gateway.tenant.globex.key = gk-shared-secret-42\n");
        assertTrue(message.contains("gateway.tenant.acme.key (" + file() + " line 4)"), message);
        assertTrue(message.contains("gateway.tenant.globex.key (" + file() + " line 5)"), message);
        assertTrue(message.contains("give each tenant a key of its own"), message);
        assertFalse(message.contains("gk-shared-secret-42"), "the key must not be in the message: " + message);
    }

    @Test
    void namesTheEnvironmentVariableASettingCameFrom() throws Exception {
        String message = refusal(PROVIDER + "gateway.provider.cloud.type = openai\n",
                Map.of("GATEWAY_PROVIDER_CLOUD_TYPE", "sagemaker"));
        assertTrue(message.contains("gateway.provider.cloud.type = sagemaker (environment variable"
                                    + " GATEWAY_PROVIDER_CLOUD_TYPE)"),
                message);
    }

    @Test
    void refusesATenantKeyFromAnEnvironmentVariableThatIsNotSet() throws Exception {
        String message = refusal(PROVIDER + "gateway.tenant.acme.key = {{env:ACME_KEY}}\n");
        assertTrue(message.contains("gateway.tenant.acme.key (" + file() + " line 4) reads the environment variable"
                                    + " ACME_KEY, which is not set"),
                message);
    }

    @Test
    void refusesAConfigDirectoryThatDoesNotExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GatewayConfig.load(dir.resolve("missing"), Map.of(), name -> null));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void findsTheLineOfEachKeyPastCommentsAndContinuations() {
        Map<String, Integer> lines = GatewayConfig.keyLines("""
                # comment \\
                a = 1 \\
                  b = not a key
                ! other comment
                c:2
                a = 3
                """);
        assertEquals(Map.of("a", 6, "c", 5), lines);
    }
}
