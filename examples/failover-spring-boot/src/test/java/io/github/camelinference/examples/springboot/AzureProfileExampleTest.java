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
package io.github.camelinference.examples.springboot;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spring Boot example's azure profile: the REST endpoint answers from the Azure resource, by its deployment. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "offline", "azure" })
class AzureProfileExampleTest {

    static final String KEY = "azure-profile-canary-0123456789";

    @Simulator(Flavour.AZURE)
    static ProviderSimulator azure;

    /** Free ports for the offline profile's simulators, chosen once (a supplier is asked again on every read). */
    private static final int OPENAI_PORT = freePort();
    private static final int HUGGINGFACE_PORT = freePort();

    @DynamicPropertySource
    static void azureResource(DynamicPropertyRegistry registry) {
        registry.add("example.simulator.openai-port", () -> OPENAI_PORT);
        registry.add("example.simulator.huggingface-port", () -> HUGGINGFACE_PORT);
        registry.add("AZURE_OPENAI_ENDPOINT", () -> azure.baseUrl());
        registry.add("camel.component.inference.providers.azure.api-key", () -> KEY);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    TestRestTemplate http;

    @Test
    @SuppressWarnings("unchecked")
    void theRestEndpointAnswersFromTheAzureDeployment() {
        azure.requireCredentials(KEY).always(Reply.answer());

        ResponseEntity<Map> ok = http.postForEntity("/ask", "Classify: refund not received", Map.class);

        assertEquals(200, ok.getStatusCode().value(), String.valueOf(ok.getBody()));
        assertEquals("azure", ok.getBody().get("provider"));
        assertEquals(false, ok.getBody().get("fallback"));
        assertEquals("/openai/v1/chat/completions", azure.lastRequest().path());
        assertEquals("gpt-5-mini", azure.lastRequest().json().get("model").asText());
        assertEquals(KEY, azure.lastRequest().header("api-key"));
        String health = http.getForObject("/actuator/health", String.class);
        assertTrue(!health.contains(KEY), "no key in health");
    }
}
