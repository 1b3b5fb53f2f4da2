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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionChunk;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A key revoked while its requests are in flight lets them finish, and refuses the next one. */
@Timeout(60)
class GatewayRevokeInFlightTest {

    private static final String ADMIN = "admin-key-inflight-test";
    private static final String ACME = "gk-acme-inflight-test";

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static AdminHttp admin;

    @BeforeAll
    static void start() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        int management = TestGateway.freePort();
        gateway = TestGateway.start(openai, huggingface, Map.of("camel.management.port", Integer.toString(management),
                "gateway.admin.key", ADMIN, "gateway.tenant.acme.key", ACME));
        admin = AdminHttp.management(management);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void aStreamInFlightFinishesAndTheNextRequestIsRefused() throws Exception {
        openai.always(Reply.answer().paced(Duration.ofMillis(50)));
        String key = admin.createKey("acme", ADMIN).path("key").asText();
        String id = admin.get("/admin/tenants", ADMIN).json().path("data").path(0).path("keys").findValuesAsText("id")
                .stream().filter(k -> !k.equals("config-acme")).findFirst().orElseThrow();
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(key).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
        ChatCompletionCreateParams hello = ChatCompletionCreateParams.builder().model("smart")
                .addUserMessage("Say hello").build();

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(hello)) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (text.isEmpty()) {
                chunks.next().choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            }
            // the answer has begun: revoke the key it was asked with
            assertEquals(200, admin.revoke(id, ADMIN).status());
            chunks.forEachRemaining(
                    chunk -> chunk.choices().forEach(choice -> choice.delta().content().ifPresent(text::append)));
        }
        assertEquals("Simulated answer to: Say hello", text.toString(), "the request in flight finished");

        UnauthorizedException refused = assertThrows(UnauthorizedException.class,
                () -> client.chat().completions().create(hello));
        assertEquals(401, refused.statusCode());
        assertTrue(admin.get("/admin/tenants", ADMIN).body().contains("config-acme"), "acme's other key stays");
    }

    @Test
    void keysNeverReachTheLogsNorTheErrorMessages() throws Exception {
        openai.always(Reply.answer());
        String wrong = "sk-not-a-key-of-this-gateway-0123456789";
        List<String> secrets;
        List<String> bodies = new ArrayList<>();
        try (LogCapture logs = new LogCapture()) {
            String key = admin.createKey("acme", ADMIN).path("key").asText();
            String id = admin.get("/admin/tenants", ADMIN).json().path("data").path(0).path("keys")
                    .findValuesAsText("id").stream().filter(k -> !k.equals("config-acme")).findFirst().orElseThrow();
            secrets = List.of(key, wrong, ADMIN, ACME);
            AdminHttp api = new AdminHttp("http://127.0.0.1:" + gateway.port());
            String hello = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
            assertEquals(200, api.call("POST", "/v1/chat/completions", key, hello).status());
            for (String presented : List.of(wrong, key + "x", ADMIN)) {
                AdminHttp.Answer refused = api.call("POST", "/v1/chat/completions", presented, hello);
                assertEquals(401, refused.status());
                bodies.add(refused.body());
            }
            bodies.add(admin.call("POST", "/admin/tenants/acme/keys", wrong, null).body());
            assertEquals(200, admin.revoke(id, ADMIN).status());
            AdminHttp.Answer revoked = api.call("POST", "/v1/chat/completions", key, hello);
            assertEquals(401, revoked.status());
            bodies.add(revoked.body());
            bodies.add(api.get("/v1/usage", wrong).body());
            assertFalse(logs.lines().isEmpty(), "the capture hears the gateway's log");
            for (String secret : secrets) {
                for (String line : logs.lines()) {
                    assertFalse(line.contains(secret), "a key in the log: " + line);
                }
                for (String body : bodies) {
                    assertFalse(body.contains(secret), "a key in an error: " + body);
                }
            }
        }
    }
}
