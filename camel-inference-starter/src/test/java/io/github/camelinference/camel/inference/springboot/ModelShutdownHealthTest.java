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

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A configured model whose provider lists a shutdown date within 30 days shows in health, which stays UP. */
@CamelSpringBootTest
@SpringBootTest(classes = TestApplication.class)
class ModelShutdownHealthTest {

    static final String SHUTDOWN = LocalDate.now(ZoneOffset.UTC).plusDays(12).toString();
    @Simulator(Flavour.OPENAI)
    static ProviderSimulator openai;

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.base-url", openai::baseUrl);
        registry.add("camel.component.inference.api-key", () -> "sk-shutdown-test");
        registry.add("camel.component.inference.providers.openai-eu.base-url", openai::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.base-url", openai::baseUrl);
        registry.add("camel.component.inference.providers.hf-cheap.api-key", () -> "hf-test");
    }

    @BeforeAll
    static void listAShutdownDate() {
        openai.shutdownDate("gpt-5-mini", SHUTDOWN); // before the application starts and fetches the model list
    }

    @Autowired
    InferenceHealthIndicator health;

    @Test
    void aModelShuttingDownSoonIsNamedInHealthWithoutTurningItDown() throws InterruptedException {
        Health current = health.health();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!openAiShutdowns(current).iterator().hasNext() && System.nanoTime() < deadline) {
            Thread.sleep(20); // each provider's model list is fetched in the background at startup
            current = health.health();
        }

        String warning = openAiShutdowns(current).iterator().next();
        assertTrue(warning.contains("gpt-5-mini shuts down on " + SHUTDOWN), warning);
        assertEquals(Status.UP, current.getStatus());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> openAiShutdowns(Health health) {
        Map<String, Set<String>> shutdowns = (Map<String, Set<String>>) health.getDetails().get("modelShutdowns");
        return shutdowns == null || !shutdowns.containsKey("openai") ? Set.of() : shutdowns.get("openai");
    }
}
