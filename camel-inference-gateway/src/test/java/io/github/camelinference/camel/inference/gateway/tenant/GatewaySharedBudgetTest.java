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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.camel.inference.gateway.admin.AdminHttp;
import io.github.camelinference.camel.inference.gateway.admin.TwoGatewaysOnRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Two gateway instances on one Redis spend each tenant's daily amount together: calls alternating between them are
 * refused once their combined spend reaches it, and {@code /v1/usage} and the admin API's spend agree on both.
 */
@Timeout(120)
class GatewaySharedBudgetTest {

    private static final String ADMIN = "admin-key-shared-budget-test";
    private static final String ACME = "gk-acme-shared-budget-test";
    private static final String ANSWER = "Simulated answer to: Say hello";

    private static TwoGatewaysOnRedis gateways;

    @BeforeAll
    static void startTwoGateways() throws Exception {
        // the tenant's amount, set below through the admin API, reaches both instances
        gateways = TwoGatewaysOnRedis.start(ADMIN,
                Map.of("gateway.tenant.acme.key", ACME, "gateway.tenant.acme.usdPerDay", "1"));
    }

    @AfterAll
    static void stop() {
        gateways.close();
    }

    private static String hello(TestGateway gateway) {
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl()).apiKey(ACME).maxRetries(0)
                .timeout(Duration.ofSeconds(20)).build();
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model("smart")
                .addUserMessage("Say hello").build()).choices().get(0).message().content().orElseThrow();
    }

    /** The tenant's next call on this instance is refused as over budget, before any provider call. */
    private static void assertOverBudget(TestGateway gateway, String why) {
        int calls = gateways.openai.requestCount();
        RateLimitException e = assertThrows(RateLimitException.class, () -> hello(gateway), why);
        assertEquals(429, e.statusCode());
        assertEquals("budget_exceeded", e.code().orElseThrow());
        assertEquals(calls, gateways.openai.requestCount(), "a refused call reaches no provider");
    }

    @Test
    void callsAlternatingBetweenInstancesAreRefusedOnceTheirCombinedSpendReachesTheLimit() throws Exception {
        // one call's price, as the budget charged it (every "Say hello" costs the same)
        assertEquals(ANSWER, hello(gateways.first));
        double perCall = usage(gateways.first, 1).path("amount").path("value").asDouble();
        assertTrue(perCall > 0, "a priced answer: " + perCall);

        // room for two more calls, not three: a call may start while the spend is below the limit
        double limit = 2.5 * perCall;
        AdminHttp.Answer set = gateways.firstAdmin.call("PUT", "/admin/tenants/acme", ADMIN,
                "{\"models\": [], \"requests_per_minute\": 0, \"usd_per_day\": " + limit + "}");
        assertEquals(200, set.status(), set.body());

        assertEquals(ANSWER, hello(gateways.second), "spent 1 of 2.5 calls' worth");
        assertEquals(ANSWER, hello(gateways.first), "spent 2 of 2.5 calls' worth");
        // each instance alone has spent at most two calls' worth: only their sum reaches the limit
        assertOverBudget(gateways.second, "3 calls' worth spent across both instances");
        assertOverBudget(gateways.first, "the same on the other instance");

        for (AdminHttp admin : new AdminHttp[] { gateways.firstAdmin, gateways.secondAdmin }) {
            JsonNode acme = tenant(admin.get("/admin/tenants", ADMIN).json(), "acme");
            assertEquals(3 * perCall, acme.path("usd_spent_today").asDouble(), 1e-12, acme.toString());
            assertEquals(limit, acme.path("usd_limit_today").asDouble(), 1e-12, acme.toString());
        }
        for (TestGateway gateway : new TestGateway[] { gateways.first, gateways.second }) {
            JsonNode result = usage(gateway, 3);
            assertEquals(3, result.path("num_model_requests").asLong(), result.toString());
            assertEquals(3 * perCall, result.path("amount").path("value").asDouble(), 1e-12,
                    "usage counts what the shared budget charged: " + result);
        }
    }

    /**
     * The tenant's one result today in {@code /v1/usage} on this instance, once it counts {@code requests} (usage is
     * written without waiting, so another instance's last charge may land a moment after its answer).
     */
    private static JsonNode usage(TestGateway gateway, int requests) throws Exception {
        AdminHttp api = new AdminHttp("http://127.0.0.1:" + gateway.port());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode page = api.get("/v1/usage", ACME).json();
            JsonNode results = page.path("data").path(0).path("results");
            if (results.size() == 1 && results.path(0).path("num_model_requests").asLong() >= requests) {
                return results.path(0);
            }
            if (System.nanoTime() > deadline) {
                fail("usage never counted " + requests + " requests: " + page);
            }
            Thread.sleep(50); // polling another instance's write, not synchronising with it
        }
    }

    private static JsonNode tenant(JsonNode list, String name) {
        for (JsonNode tenant : list.path("data")) {
            if (name.equals(tenant.path("name").asText())) {
                return tenant;
            }
        }
        throw new AssertionError("no tenant " + name + " in " + list);
    }
}
