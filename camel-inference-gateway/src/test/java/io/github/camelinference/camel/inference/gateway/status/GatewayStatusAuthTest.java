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
package io.github.camelinference.camel.inference.gateway.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code gateway.admin.key} set, the status page and its JSON answer only to the admin key: as a bearer token, or
 * as the password of HTTP Basic (what a browser prompts for); anything else gets 401 and no status.
 */
@Timeout(300)
class GatewayStatusAuthTest {

    private static final String ADMIN_KEY = "adm-status-test-key";

    private static ProviderSimulator openai;
    private static ProviderSimulator huggingface;
    private static TestGateway gateway;
    private static String ui;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void startGateway() throws Exception {
        openai = ProviderSimulator.start(Flavour.OPENAI);
        huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE);
        int management = TestGateway.freePort();
        gateway = TestGateway.start(openai, huggingface, Map.of(
                "camel.management.port", Integer.toString(management),
                "gateway.admin.key", ADMIN_KEY,
                "gateway.tenant.acme.key", "gk-acme-status-auth"));
        ui = "http://127.0.0.1:" + management + "/ui";
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
        openai.close();
        huggingface.close();
    }

    @Test
    void withoutTheAdminKeyThePageAsksForIt() throws Exception {
        for (String path : new String[] { ui, ui + "/status.json" }) {
            HttpResponse<String> none = get(path, null);
            assertEquals(401, none.statusCode(), none.body());
            assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                    "a browser prompts for it");
            assertFalse(none.body().contains("acme"), none.body());
            assertEquals(401, get(path, "Bearer wrong-key").statusCode());
            assertEquals(401, get(path, basic("admin", "wrong-key")).statusCode());
            assertEquals(401, get(path, "Bearer gk-acme-status-auth").statusCode(), "a tenant's key is not enough");
        }
    }

    @Test
    void theAdminKeyOpensIt() throws Exception {
        HttpResponse<String> bearer = get(ui, "Bearer " + ADMIN_KEY);
        assertEquals(200, bearer.statusCode(), bearer.body());
        assertTrue(bearer.body().contains("<tr data-tenant=\"acme\">"), bearer.body());
        HttpResponse<String> basic = get(ui + "/status.json", basic("anyone", ADMIN_KEY));
        assertEquals(200, basic.statusCode(), basic.body());
        assertTrue(basic.body().contains("\"name\":\"acme\""), basic.body());
    }

    @Test
    void aBrowserGivenTheKeyAsBasicKeepsRefreshing(@TempDir Path browserDir) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(browserDir);
        String withKey = ui.replace("http://", "http://operator:" + ADMIN_KEY + "@");

        String dom = chromium.dumpDom(withKey, 12_000);

        assertTrue(dom.contains("<tr data-tenant=\"acme\">"), dom);
        Matcher refreshes = Pattern.compile("<body data-refreshes=\"(\\d+)\"").matcher(dom);
        assertTrue(refreshes.find() && Integer.parseInt(refreshes.group(1)) >= 1,
                "the refreshes carry the key the browser was given:\n" + dom);
        assertTrue(dom.contains("<span id=\"refresh-error\"></span>"), "no refresh failed:\n" + dom);
        assertFalse(dom.contains(ADMIN_KEY), "the page never shows the key");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder().uri(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
