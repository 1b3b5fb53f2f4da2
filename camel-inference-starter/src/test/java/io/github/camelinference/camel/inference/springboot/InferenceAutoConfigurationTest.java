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
package io.github.camelinference.camel.inference.springboot;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@CamelSpringBootTest
@SpringBootTest(classes = TestApplication.class)
class InferenceAutoConfigurationTest {

    @Simulator(Flavour.OPENAI)
    static ProviderSimulator defaultProvider;
    @Simulator(Flavour.OPENAI)
    static ProviderSimulator euProvider;
    @Simulator(Flavour.HUGGINGFACE)
    static ProviderSimulator routerProvider;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.base-url", defaultProvider::baseUrl);
        registry.add("camel.component.inference.api-key", () -> "sk-default-test");
        registry.add("camel.component.inference.max-tokens", () -> "256");
        registry.add("camel.component.inference.reasoning-effort", () -> "minimal");
        registry.add("camel.component.inference.request-timeout", () -> "20s");
        registry.add("camel.component.inference.max-response-bytes", () -> "2000000");
        registry.add("camel.component.inference.max-retry-after", () -> "2m");
        registry.add("camel.component.inference.stream-timeout", () -> "5m");
        registry.add("camel.component.inference.top-p", () -> "0.5");
        registry.add("camel.component.inference.seed", () -> "42");
        registry.add("camel.component.inference.providers.openai-eu.base-url", euProvider::baseUrl);
        registry.add("camel.component.inference.providers.openai-eu.model", () -> "gpt-5-nano");
        registry.add("camel.component.inference.rate-limit-max-wait", () -> "5s");
        registry.add("camel.component.inference.providers.openai-eu.requests-per-minute", () -> "6000");
        registry.add("camel.component.inference.providers.openai-eu.rate-limit-account", () -> "acme-eu");
        registry.add("camel.component.inference.providers.hf-cheap.base-url", routerProvider::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.api-key", () -> "hf-test");
        registry.add("camel.component.inference.providers.hf-cheap.router-policy", () -> "cheapest");
        registry.add("camel.component.inference.providers.hf-cheap.input-price", () -> "0.15");
        registry.add("camel.component.inference.providers.hf-cheap.output-price", () -> "0.60");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    ProducerTemplate template;
    @Autowired
    InferenceComponent component;

    @Test
    void theComponentIsConfiguredFromProperties() {
        assertSame(component, camel.getComponent("inference"));

        Exchange result = template.request("direct:default", e -> e.getMessage().setBody("Hello"));

        assertEquals("Simulated answer to: Hello", result.getMessage().getBody());
        JsonNode body = defaultProvider.lastRequest().json();
        assertEquals("gpt-5-mini", body.get("model").asText());
        assertEquals(256, body.get("max_completion_tokens").asInt());
        assertEquals("minimal", body.get("reasoning_effort").asText());
        assertEquals("Bearer sk-default-test", defaultProvider.lastRequest().header("authorization"));
    }

    @Test
    void optionsTheStarterNeverNamesReachTheRequest() {
        template.request("direct:default", e -> e.getMessage().setBody("Hello"));

        JsonNode body = defaultProvider.lastRequest().json();
        assertEquals(0.5, body.get("top_p").asDouble());
        assertEquals(42, body.get("seed").asInt());
    }

    @Test
    void theLimitsComeFromPropertiesOrKeepTheirDefaults() {
        var defaults = component.getConfiguration();
        assertEquals(2_000_000, defaults.getMaxResponseBytes());
        assertEquals(120_000, defaults.getMaxRetryAfter());
        assertEquals(300_000, defaults.getStreamTimeout());
        assertEquals(1024 * 1024, defaults.getMaxLineLength());
        assertEquals(1_000_000, defaults.getMaxAnswerChars());
        assertEquals(32, defaults.getMaxToolCallsPerRound());
    }

    @Test
    void rateLimitsComeFromTheComponentOrEachProvider() {
        var eu = camel.getEndpoint("inference:openai-eu", InferenceEndpoint.class).getConfiguration();
        assertEquals(6000, eu.getRequestsPerMinute());
        assertEquals("acme-eu", eu.getRateLimitAccount());
        assertEquals(5000, eu.getRateLimitMaxWait(), "inherited from the component");
        var cheap = camel.getEndpoint("inference:hf-cheap", InferenceEndpoint.class).getConfiguration();
        assertEquals(0, cheap.getRequestsPerMinute(), "no limit unless one is set");
    }

    @Test
    void twoNamedProfilesResolveToTwoDifferentServers() {
        int euBefore = euProvider.requestCount();
        int routerBefore = routerProvider.requestCount();

        Exchange eu = template.request("direct:eu", e -> e.getMessage().setBody("Bonjour"));
        Exchange cheap = template.request("direct:cheap", e -> e.getMessage().setBody("Hi"));

        assertEquals(euBefore + 1, euProvider.requestCount());
        assertEquals(routerBefore + 1, routerProvider.requestCount());
        JsonNode toEu = euProvider.lastRequest().json();
        assertEquals("gpt-5-nano", toEu.get("model").asText());
        assertEquals(256, toEu.get("max_completion_tokens").asInt(), "inherits the component's defaults");
        assertEquals("Bearer sk-default-test", euProvider.lastRequest().header("authorization"));
        JsonNode toRouter = routerProvider.lastRequest().json();
        assertEquals("openai/gpt-oss-120b:cheapest", toRouter.get("model").asText());
        assertTrue(toRouter.has("max_tokens") && !toRouter.has("max_completion_tokens"), "spoken as the router");
        assertEquals("Bearer hf-test", routerProvider.lastRequest().header("authorization"));
        assertEquals("openai-eu", eu.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("groq", cheap.getMessage().getHeader(InferenceConstants.BACKEND));
        assertEquals((1 * 0.15 + 4 * 0.60) / 1e6, cheap.getMessage().getHeader(InferenceConstants.COST, Double.class),
                1e-12, "the profile's prices give the cost");
    }

    @Autowired
    MeterRegistry meters;

    @Test
    void callsAreRecordedAsGenAiMetricsWithTokensAndErrorTypes() {
        template.request("direct:default", e -> e.getMessage().setBody("one two three"));
        defaultProvider.enqueue(Reply.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        template.request("direct:default", e -> e.getMessage().setBody("again"));

        Timer ok = meters.find("gen_ai.client.operation.duration").tag("gen_ai.provider.name", "openai")
                .tag("gen_ai.request.model", "gpt-5-mini").tag("gen_ai.response.model", "gpt-5-mini-2025-08-07").timer();
        assertTrue(ok != null && ok.count() >= 1, "successful calls timed: " + ok);
        Timer failed = meters.find("gen_ai.client.operation.duration").tag("error.type", "provider_unavailable").timer();
        assertTrue(failed != null && failed.count() >= 1, "failed calls timed with their error type");
        DistributionSummary input = meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "input")
                .summary();
        DistributionSummary output = meters.find("gen_ai.client.token.usage").tag("gen_ai.token.type", "output")
                .summary();
        assertTrue(input != null && input.totalAmount() >= 3, "input tokens counted");
        assertTrue(output != null && output.totalAmount() >= 6, "output tokens counted");
        assertFalse(component.telemetry().isGenAiMetrics(), "counted in Micrometer, so not in OpenTelemetry too");
    }

    @Test
    void theKeyIsNotInWhatCamelShowsOfTheEndpoints() {
        template.request("direct:default", e -> e.getMessage().setBody("Hello"));
        camel.getEndpoints().forEach(endpoint -> assertFalse(endpoint.toString().contains("sk-default-test")));
    }
}
