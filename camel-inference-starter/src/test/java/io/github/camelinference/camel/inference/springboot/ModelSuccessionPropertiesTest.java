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

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A Spring Boot service whose route names gpt-5-mini keeps answering after its shutdown, from properties alone: the
 * successor and dropUnsupportedParams, with the substitution counted as a metric.
 */
@CamelSpringBootTest
@SpringBootTest(classes = TestApplication.class)
class ModelSuccessionPropertiesTest {

    @Simulator(Flavour.OPENAI)
    static ProviderSimulator openai;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.base-url", openai::baseUrl);
        registry.add("camel.component.inference.api-key", () -> "sk-succession-test");
        registry.add("camel.component.inference.reasoning-effort", () -> "minimal");
        registry.add("camel.component.inference.model-successors", () -> "gpt-5-mini=gpt-6.1-terra");
        registry.add("camel.component.inference.drop-unsupported-params", () -> "true");
        registry.add("camel.component.inference.providers.openai-eu.base-url", openai::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.base-url", openai::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.api-key", () -> "hf-test");
    }

    @BeforeAll
    static void retireGpt5Mini() {
        openai.retire("gpt-5-mini");
        openai.refuseValue("gpt-6.1-terra", "reasoning_effort", "minimal", "none", "low", "medium", "high");
    }

    @Autowired
    ProducerTemplate template;
    @Autowired
    MeterRegistry meters;

    @Test
    void theRouteKeepsAnsweringThroughTheSuccessorAndTheSubstitutionIsCounted() {
        Exchange answer = template.request("direct:default", e -> e.getMessage().setBody("Classify: refund"));

        assertNull(answer.getException());
        assertEquals("Simulated answer to: Classify: refund", answer.getMessage().getBody());
        assertEquals("gpt-5-mini", answer.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals("gpt-6.1-terra", openai.lastRequest().json().get("model").asText());
        assertEquals("low", openai.lastRequest().json().get("reasoning_effort").asText());
        Counter substitutions = meters.find("inference.model.substitutions").tag("gen_ai.request.model", "gpt-5-mini")
                .tag("successor", "gpt-6.1-terra").tag("reason", "model-not-found").counter();
        assertNotNull(substitutions, "counted");
        assertEquals(1.0, substitutions.count());
    }
}
