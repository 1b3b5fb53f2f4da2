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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.camelinference.camel.inference.gateway.TestGateway;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The status page as an operator's browser shows it (headless Chromium, Debian's package {@code chromium}, which
 * {@code bin/install-test-services} installs): after a provider failed until its breaker opened and a tenant spent its
 * whole day's budget, the page, once its live refresh has run, shows the open breaker, the spent budget and the
 * provider's errors, with a name from configuration escaped. The screenshot goes to
 * {@code target/surefire-reports/gateway-status.png}.
 */
@Timeout(300)
class GatewayStatusPageTest {

    private static final String STEADY = "gk-steady-ui-test";
    private static final String SPENDER = "gk-spender-ui-test";
    private static final String ODD_NAME = "o'brien&<co>";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @TempDir
    Path browserDir;

    @Test
    void anOpenBreakerAndASpentBudgetShowUpInTheBrowser() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.orSkip(browserDir);
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI)
                .always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE).always(Reply.answer())) {
            int management = TestGateway.freePort();
            Map<String, String> settings = new HashMap<>();
            settings.put("camel.management.port", Integer.toString(management));
            settings.put("gateway.retryDelay", "0");
            settings.put("gateway.breaker.minimumNumberOfCalls", "2");
            // an open breaker stays open for the whole test (nothing asks it for a trial call anyway)
            settings.put("gateway.breaker.waitDurationInOpenState", "600000");
            settings.put("gateway.tenant.steady.key", STEADY);
            settings.put("gateway.tenant.steady.usdPerDay", "1");
            // one priced answer (gpt-5-mini, about 1e-5 USD) spends it
            settings.put("gateway.tenant.spender.key", SPENDER);
            settings.put("gateway.tenant.spender.usdPerDay", "0.000000002");
            settings.put("gateway.tenant." + ODD_NAME + ".key", "gk-odd-ui-test");
            try (TestGateway gateway = TestGateway.start(openai, huggingface, settings)) {
                String ui = "http://127.0.0.1:" + management + "/ui";

                // OpenAI fails, the router answers, until OpenAI's breaker in the JSON step opens
                JsonNode status = null;
                for (int i = 0;
                     i < 10 && !"OPEN".equals(breaker(status, "smart", "smart", "openai/gpt-5-mini"));
                     i++) {
                    HttpResponse<String> answer = chat(gateway, STEADY, false);
                    assertEquals(200, answer.statusCode(), answer.body());
                    status = statusJson(ui);
                }
                assertEquals("OPEN", breaker(status, "smart", "smart", "openai/gpt-5-mini"), String.valueOf(status));
                assertEquals("CLOSED", breaker(status, "smart", "smart-stream", "openai/gpt-5-mini"),
                        "streams have their own breakers");

                // OpenAI answers again: a stream (its breaker is closed) spends the spender's whole day
                openai.always(Reply.answer());
                HttpResponse<String> stream = chat(gateway, SPENDER, true);
                assertEquals(200, stream.statusCode(), stream.body());
                assertTrue(stream.body().contains("data: [DONE]"), stream.body());
                // the budget settles and the observer hears the answer once the stream has ended, maybe after [DONE]
                status = poll(ui, s -> tenant(s, "spender").path("spent").asBoolean()
                        && provider(s, "openai").path("calls").asLong()
                           > provider(s, "openai").path("errors").asLong());
                HttpResponse<String> refused = chat(gateway, SPENDER, true);
                assertEquals(429, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("budget_exceeded"), refused.body());
                JsonNode openaiCalls = provider(status, "openai");
                // the first request's call and its retry failed, the second opened the breaker; then skips, no calls
                CircuitBreaker.Metrics smart = breakerMetrics(gateway, "smart", "openai/gpt-5-mini");
                assertEquals(2, smart.getNumberOfFailedCalls(), "the breaker counted two failures");
                assertTrue(smart.getNumberOfNotPermittedCalls() >= 1, "and skipped OpenAI while open");
                assertEquals(smart.getNumberOfFailedCalls(), openaiCalls.path("errors").asLong(),
                        "the page's errors are the breaker's failures: " + openaiCalls);
                assertEquals(3, openaiCalls.path("calls").asLong(),
                        "two failed calls and the stream; breaker-open skips are no calls: " + openaiCalls);
                assertEquals(chatRequests(openai), openaiCalls.path("calls").asLong(),
                        "every chat request OpenAI received, no more: " + openaiCalls);

                // the browser: the live refresh (every 5 s) runs within the virtual time budget
                String dom = chromium.dumpDom(ui, 15_000);
                Matcher refreshes = Pattern.compile("<body data-refreshes=\"(\\d+)\"").matcher(dom);
                assertTrue(refreshes.find() && Integer.parseInt(refreshes.group(1)) >= 1,
                        "the page refreshed itself at least once:\n" + dom);
                assertTrue(dom.contains("class=\"badge OPEN\" data-step=\"smart\" data-target=\"openai/gpt-5-mini\""),
                        "OpenAI's open breaker in the smart step:\n" + dom);
                assertTrue(dom.contains("class=\"badge CLOSED\" data-step=\"smart-stream\""
                                        + " data-target=\"openai/gpt-5-mini\""),
                        "its closed breaker in the stream step:\n" + dom);
                assertTrue(dom.contains("<span class=\"badge bad\">1 of 2 open</span>"),
                        "the provider row counts the open breaker:\n" + dom);
                Matcher spender = Pattern.compile("<tr data-tenant=\"spender\" class=\"spent\">(.*?)</tr>")
                        .matcher(dom);
                assertTrue(spender.find(), "the spender's row is marked spent:\n" + dom);
                assertTrue(spender.group(1).contains("budget spent") && spender.group(1).contains("100 %"),
                        spender.group(1));
                Matcher steady = Pattern.compile("<tr data-tenant=\"steady\">(.*?)</tr>").matcher(dom);
                assertTrue(steady.find() && steady.group(1).contains("within budget"), "steady is within:\n" + dom);
                assertTrue(dom.contains("<b>o'brien&amp;&lt;co&gt;</b>"), "a tenant's name is text:\n" + dom);
                assertFalse(dom.contains("</co>"), "a tenant's name never becomes markup:\n" + dom);
                Matcher openaiRow = Pattern.compile("<tr data-provider=\"openai\">(.*?)</tr>").matcher(dom);
                assertTrue(openaiRow.find() && openaiRow.group(1).contains("class=\"badge bad\"")
                        && openaiRow.group(1).contains(" ms</td>"), "OpenAI's errors and latency:\n" + dom);
                assertTrue(openaiRow.group(1).contains("<td class=\"num\">3</td><td class=\"num\">2</td>"),
                        "3 calls, 2 errors:\n" + openaiRow.group(1));
                assertTrue(dom.contains("A target skipped while its breaker is open"), "the page says what a call is");

                Path screenshot = Path.of("target", "surefire-reports", "gateway-status.png").toAbsolutePath();
                chromium.screenshot(ui, 6_000, screenshot);
                assertTrue(Files.size(screenshot) > 10_000, "a screenshot of the page at " + screenshot);
            }
        }
    }

    /**
     * Two providers of one type (OpenAI, at two base URLs) are two rows, each with its own type, base URL and counts:
     * the first fails every call, the second answers every one.
     */
    @Test
    void twoProvidersOfOneTypeHaveARowEach() throws Exception {
        try (ProviderSimulator east = ProviderSimulator.start(Flavour.OPENAI)
                .always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
             ProviderSimulator west = ProviderSimulator.start(Flavour.OPENAI).always(Reply.answer())) {
            int management = TestGateway.freePort();
            Map<String, String> settings = new HashMap<>();
            settings.put("camel.management.port", Integer.toString(management));
            settings.put("gateway.provider.east.type", "openai");
            settings.put("gateway.provider.east.baseUrl", east.baseUrl());
            settings.put("gateway.provider.east.key", "sk-east-test");
            settings.put("gateway.provider.west.type", "openai");
            settings.put("gateway.provider.west.baseUrl", west.baseUrl());
            settings.put("gateway.provider.west.key", "sk-west-test");
            settings.put("gateway.models.duo", "east:gpt-5-mini, west:gpt-5-mini");
            settings.put("gateway.retryDelay", "0");
            settings.put("gateway.breaker.minimumNumberOfCalls", "100"); // east is called every time
            settings.put("gateway.tenant.steady.key", STEADY);
            try (TestGateway gateway = TestGateway.start(east, west, settings)) {
                for (int i = 0; i < 2; i++) {
                    HttpResponse<String> answer = chat(gateway, STEADY, "duo", false);
                    assertEquals(200, answer.statusCode(), answer.body());
                }
                String ui = "http://127.0.0.1:" + management + "/ui";
                JsonNode status = statusJson(ui);
                JsonNode eastRow = provider(status, "east");
                JsonNode westRow = provider(status, "west");
                assertEquals("openai", eastRow.path("type").asText(), status.toString());
                assertEquals("openai", westRow.path("type").asText(), status.toString());
                assertEquals(east.baseUrl(), eastRow.path("baseUrls").path(0).asText(), eastRow.toString());
                assertEquals(west.baseUrl(), westRow.path("baseUrls").path(0).asText(), westRow.toString());
                // east: each request's call and its two retries; west: each request's answer
                assertEquals(6, chatRequests(east));
                assertEquals(6, eastRow.path("calls").asLong(), eastRow.toString());
                assertEquals(6, eastRow.path("errors").asLong(), eastRow.toString());
                assertEquals(2, chatRequests(west));
                assertEquals(2, westRow.path("calls").asLong(), westRow.toString());
                assertEquals(0, westRow.path("errors").asLong(), westRow.toString());
                assertTrue(provider(status, "openai").isMissingNode(), "no row by the type's name: " + status);
                JsonNode targets = status.path("models").path(0).path("targets");
                assertEquals("east", targets.path(0).path("provider").asText(), "a target names its row: " + targets);
                assertEquals("west", targets.path(1).path("provider").asText(), "a target names its row: " + targets);
                // a short-form model's targets are named as its setting names them, not provider/model#2
                assertEquals("east:gpt-5-mini", targets.path(0).path("name").asText(), targets.toString());
                assertEquals("west:gpt-5-mini", targets.path(1).path("name").asText(), targets.toString());

                String page = http.send(HttpRequest.newBuilder().uri(URI.create(ui)).timeout(PATIENCE).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher eastHtml = Pattern.compile("<tr data-provider=\"east\">(.*?)</tr>").matcher(page);
                Matcher westHtml = Pattern.compile("<tr data-provider=\"west\">(.*?)</tr>").matcher(page);
                assertTrue(eastHtml.find() && westHtml.find(), "a row each:\n" + page);
                assertTrue(eastHtml.group(1).contains("<td>openai</td>") && eastHtml.group(1).contains(east.baseUrl())
                        && eastHtml.group(1).contains("<td class=\"num\">6</td><td class=\"num\">6</td>"),
                        eastHtml.group(1));
                assertTrue(westHtml.group(1).contains("<td>openai</td>") && westHtml.group(1).contains(west.baseUrl())
                        && westHtml.group(1).contains("<td class=\"num\">2</td><td class=\"num\">0</td>"),
                        westHtml.group(1));
            }
        }
    }

    /** The chat requests a simulator received (not the model list an endpoint reads when it starts). */
    private static long chatRequests(ProviderSimulator simulator) {
        return simulator.requests().stream().filter(r -> r.path().endsWith("/chat/completions")).count();
    }

    /** The metrics of a target's breaker in a failover step of the gateway. */
    private static CircuitBreaker.Metrics breakerMetrics(TestGateway gateway, String step, String target) {
        for (Route route : gateway.main().getCamelContext().getRoutes()) {
            for (InferenceFailover failover : CircuitBreakers.failoverSteps(route)) {
                if (step.equals(failover.getId()) && failover.getCircuitBreakers().containsKey(target)) {
                    return failover.getCircuitBreakers().get(target).getMetrics();
                }
            }
        }
        throw new AssertionError("no breaker for " + target + " in step " + step);
    }

    private HttpResponse<String> chat(TestGateway gateway, String key, boolean stream) throws Exception {
        return chat(gateway, key, "smart", stream);
    }

    private HttpResponse<String> chat(TestGateway gateway, String key, String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"stream\":" + stream
                      + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}";
        return http.send(HttpRequest.newBuilder().uri(URI.create(gateway.baseUrl() + "/chat/completions"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(PATIENCE).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode statusJson(String ui) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder().uri(URI.create(ui + "/status.json"))
                .timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return mapper.readTree(response.body());
    }

    /** The status once it satisfies {@code until}, asked every 100 ms. */
    private JsonNode poll(String ui, Predicate<JsonNode> until) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode status = statusJson(ui);
        while (!until.test(status)) {
            if (System.nanoTime() > deadline) {
                fail("the status never got there: " + status);
            }
            Thread.sleep(100);
            status = statusJson(ui);
        }
        return status;
    }

    /** A breaker's state in the status JSON, or null. */
    private static String breaker(JsonNode status, String model, String step, String target) {
        if (status == null) {
            return null;
        }
        for (JsonNode m : status.path("models")) {
            if (!model.equals(m.path("name").asText())) {
                continue;
            }
            for (JsonNode t : m.path("targets")) {
                if (!target.equals(t.path("name").asText())) {
                    continue;
                }
                for (JsonNode b : t.path("breakers")) {
                    if (step.equals(b.path("step").asText())) {
                        return b.path("state").asText();
                    }
                }
            }
        }
        return null;
    }

    private static JsonNode tenant(JsonNode status, String name) {
        return find(status.path("tenants"), name);
    }

    private static JsonNode provider(JsonNode status, String name) {
        return find(status.path("providers"), name);
    }

    private static JsonNode find(JsonNode rows, String name) {
        for (JsonNode row : rows) {
            if (name.equals(row.path("name").asText())) {
                return row;
            }
        }
        return MissingNode.getInstance();
    }
}
