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
package io.github.camelinference.camel.inference.gateway.admin;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two gateway instances share their tenants and keys through Redis ({@code gateway.tenants.store = redis}): a key made
 * on one works on both, and once its revocation has been answered, on either instance, both refuse it, with no wait.
 */
@Timeout(60)
class GatewaySharedKeysTest {

    private static final String ADMIN = "admin-key-shared-test";
    private static final String ACME = "gk-acme-shared-test";
    private static final String ANSWER = "Simulated answer to: Say hello";

    private static TwoGatewaysOnRedis gateways;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        gateways = TwoGatewaysOnRedis.start(ADMIN, Map.of("gateway.tenant.acme.key", ACME));
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    private static OpenAIClient client(TestGateway gateway, String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
    }

    private static String hello(TestGateway gateway, String key, String model) {
        return client(gateway, key).chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Say hello").build()).choices().get(0).message().content().orElseThrow();
    }

    @Test
    void aKeyMadeOnOneInstanceWorksOnBothAndOnceRevokedIsRefusedByBothAtOnce() throws Exception {
        AdminHttp.Answer tenant = gateways.firstAdmin.call("PUT", "/admin/tenants/initech", ADMIN,
                "{\"models\": [\"cheap\"], \"requests_per_minute\": 0, \"usd_per_day\": 1}");
        assertEquals(200, tenant.status(), tenant.body());
        JsonNode created = gateways.firstAdmin.createKey("initech", ADMIN);
        String key = created.path("key").asText();
        String id = created.path("id").asText();
        assertTrue(key.startsWith("sk-") && key.length() >= 40, "a random sk- key");

        assertEquals(ANSWER, hello(gateways.first, key, "cheap"));
        assertEquals(ANSWER, hello(gateways.second, key, "cheap"), "the other instance learned the key");
        assertThrows(NotFoundException.class, () -> hello(gateways.second, key, "smart"),
                "the tenant's models, as the admin API set them, apply on the other instance too");

        AdminHttp.Answer revoked = gateways.secondAdmin.revoke(id, ADMIN);
        assertEquals(200, revoked.status(), revoked.body());

        assertEquals(401, assertThrows(UnauthorizedException.class, () -> hello(gateways.first, key, "cheap")).statusCode());
        assertEquals(401, assertThrows(UnauthorizedException.class, () -> hello(gateways.second, key, "cheap")).statusCode());
        assertEquals(ANSWER, hello(gateways.first, ACME, "cheap"), "other tenants' keys still work");

        String listed = gateways.firstAdmin.get("/admin/tenants", ADMIN).body();
        assertTrue(listed.contains("\"initech\""), listed);
        assertFalse(listed.contains(id), "a revoked key is no longer listed: " + listed);
        assertFalse(listed.contains(key), "a key is shown once, when it is made");
        assertEquals(404, gateways.secondAdmin.revoke(id, ADMIN).status(), "a key is revoked once");
    }

    @Test
    void limitsSetOnOneInstanceApplyOnTheOther() throws Exception {
        assertEquals(200, gateways.firstAdmin.call("PUT", "/admin/tenants/hooli", ADMIN,
                "{\"models\": [], \"requests_per_minute\": 1}").status());
        String key = gateways.firstAdmin.createKey("hooli", ADMIN).path("key").asText();

        assertEquals(ANSWER, hello(gateways.second, key, "cheap"));
        RateLimitException limited = assertThrows(RateLimitException.class, () -> hello(gateways.second, key, "cheap"));
        assertEquals(429, limited.statusCode());
    }

    @Test
    void aConfiguredKeyIsInTheSharedStoreAndCanBeRevoked() throws Exception {
        JsonNode tenants = gateways.secondAdmin.get("/admin/tenants", ADMIN).json();
        boolean listed = false;
        for (JsonNode tenant : tenants.path("data")) {
            if (tenant.path("name").asText().equals("acme")) {
                listed = tenant.path("keys").path(0).path("id").asText().equals("config-acme");
            }
        }
        assertTrue(listed, "acme's configured key is listed by id: " + tenants);
        assertFalse(tenants.toString().contains(ACME), "never the key itself");
    }
}
