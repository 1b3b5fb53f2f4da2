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

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Admin calls without the admin key, or with another key, get a 401 and change nothing. */
@Timeout(60)
class GatewayAdminAuthTest {

    private static final String ADMIN = "admin-key-auth-test";
    private static final String ACME = "gk-acme-auth-test";

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static AdminHttp admin;
    private static TestGateway noAdminKey;
    private static AdminHttp noAdmin;

    @BeforeAll
    static void start() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI).always(Reply.answer());
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer());
        int management = TestGateway.freePort();
        gateway = TestGateway.start(openai, huggingface, Map.of("camel.management.port", Integer.toString(management),
                "gateway.admin.key", ADMIN, "gateway.tenant.acme.key", ACME));
        admin = AdminHttp.management(management);
        int other = TestGateway.freePort();
        noAdminKey = TestGateway.start(openai, huggingface, Map.of("camel.management.port", Integer.toString(other),
                "gateway.tenant.acme.key", ACME));
        noAdmin = AdminHttp.management(other);
    }

    @AfterAll
    static void stop() {
        noAdminKey.close();
        gateway.close();
        openai.close();
        huggingface.close();
    }

    /** Every admin call, as method, path and body. */
    private static final List<String[]> CALLS = List.of(
            new String[] { "GET", "/admin/tenants", null },
            new String[] { "PUT", "/admin/tenants/mallory", "{\"models\": [], \"usd_per_day\": 100}" },
            new String[] { "PUT", "/admin/tenants/acme", "{\"models\": [\"smart\"], \"requests_per_minute\": 1}" },
            new String[] { "POST", "/admin/tenants/acme/keys", null },
            new String[] { "DELETE", "/admin/keys/config-acme", null },
            new String[] { "GET", "/admin/usage", null });

    @Test
    void withoutTheAdminKeyEveryCallIs401AndNothingChanges() throws Exception {
        String before = admin.get("/admin/tenants", ADMIN).body();
        for (String presented : new String[] { null, "not-the-admin-key", ACME, "" }) {
            for (String[] call : CALLS) {
                AdminHttp.Answer answer = admin.call(call[0], call[1], presented, call[2]);
                assertEquals(401, answer.status(), call[0] + " " + call[1] + " with " + presented);
                assertEquals("invalid_admin_key", answer.json().path("error").path("code").asText());
                if (presented != null && !presented.isEmpty()) {
                    assertFalse(answer.body().contains(presented), "the presented key is not echoed");
                }
            }
        }
        assertEquals(before, admin.get("/admin/tenants", ADMIN).body(), "no tenant, key or limit changed");
        JsonNode tenants = admin.get("/admin/tenants", ADMIN).json().path("data");
        assertFalse(tenants.findValuesAsText("name").contains("mallory"), "mallory was not created: " + tenants);
        assertEquals("acme", tenants.path(0).path("name").asText());
        assertEquals(List.of("config-acme"), tenants.path(0).path("keys").findValuesAsText("id"), "acme's key stays");
        assertEquals("[\"cheap\",\"smart\"]", tenants.path(0).path("models").toString(), "acme's models stay");
        assertEquals(600, tenants.path(0).path("requests_per_minute").asInt(), "acme's limit stays");
        assertEquals(200, new AdminHttp("http://127.0.0.1:" + gateway.port()).get("/v1/models", ACME).status(),
                "acme's key still works");
    }

    @Test
    void aGatewayWithoutAnAdminKeyRefusesEveryAdminCall() throws Exception {
        for (String[] call : CALLS) {
            AdminHttp.Answer answer = noAdmin.call(call[0], call[1], "anything", call[2]);
            assertEquals(401, answer.status(), call[0] + " " + call[1]);
            assertTrue(answer.json().path("error").path("message").asText().contains("gateway.admin.key"),
                    "says how to turn the admin API on: " + answer.body());
        }
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() throws Exception {
        AdminHttp.Answer negative = admin.call("PUT", "/admin/tenants/acme", ADMIN, "{\"requests_per_minute\": -1}");
        assertEquals(400, negative.status());
        assertTrue(negative.body().contains("requests_per_minute"), negative.body());
        AdminHttp.Answer noTenant = admin.call("POST", "/admin/tenants/nobody/keys", ADMIN, null);
        assertEquals(404, noTenant.status());
        assertTrue(noTenant.body().contains("PUT /admin/tenants/nobody"), noTenant.body());
        AdminHttp.Answer notJson = admin.call("PUT", "/admin/tenants/acme", ADMIN, "models: all");
        assertEquals(400, notJson.status());
    }
}
