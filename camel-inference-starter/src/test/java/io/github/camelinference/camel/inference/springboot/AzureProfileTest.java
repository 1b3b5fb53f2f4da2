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

import java.time.Instant;
import java.util.Map;

import javax.net.ssl.TrustManagerFactory;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.junit.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Azure OpenAI provider profile from properties ({@code providers.azure.*}: base-url, deployment, api-version,
 * credential by bean name), calling the simulator with a Microsoft Entra ID token; the health shows that a token is
 * held and until when, never the token.
 */
@CamelSpringBootTest
@SpringBootTest(classes = AzureProfileTest.AzureApplication.class)
class AzureProfileTest {

    @Simulator(Flavour.AZURE)
    static ProviderSimulator azure;

    @BeforeAll
    static void onlyTheRegisteredClientGetsTokens() {
        azure.entraClient("sim-client", "sim-secret-0123456789").requireCredentials(null);
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("camel.component.inference.providers.azure-eu.base-url", azure::baseUrl);
        registry.add("camel.component.inference.providers.azure-eu.deployment", () -> "gpt-5-mini");
        registry.add("camel.component.inference.providers.azure-eu.api-version", () -> "2024-10-21");
        registry.add("camel.component.inference.providers.azure-eu.credential", () -> "entra");
    }

    /** The application: one route to the Azure profile, and the credential bean the profile names. */
    @Configuration
    @EnableAutoConfiguration
    static class AzureApplication {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        TokenCredential entra() throws Exception {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(azure.entraTrustStore());
            var tls = SslContextBuilder.forClient().trustManager(trust).build();
            return new ClientSecretCredentialBuilder().tenantId("sim-tenant").clientId("sim-client")
                    .clientSecret("sim-secret-0123456789").authorityHost(azure.entraAuthorityHost())
                    .disableInstanceDiscovery()
                    .httpClient(new NettyAsyncHttpClientBuilder(
                            reactor.netty.http.client.HttpClient.create()
                                    .secure(spec -> spec.sslContext(tls)))
                            .build())
                    .build();
        }

        @Bean
        RouteBuilder azureRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:azure").to("inference:azure-eu");
                }
            };
        }
    }

    @Autowired
    ProducerTemplate template;
    @Autowired
    InferenceHealthIndicator health;

    @Test
    void theAzureProfileCallsTheDeploymentWithAnEntraToken() {
        assertEquals("Simulated answer to: Hello", template.requestBody("direct:azure", "Hello", String.class));

        assertEquals("/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21",
                azure.lastRequest().path());
        assertEquals("Bearer " + azure.issuedTokens().get(0), azure.lastRequest().header("authorization"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthSaysATokenIsHeldAndUntilWhenNeverTheToken() {
        template.requestBody("direct:azure", "Hello", String.class);

        Health current = health.health();

        Map<String, Object> token = ((Map<String, Map<String, Object>>) current.getDetails().get("entraTokens"))
                .get("azure-eu");
        assertEquals(true, token.get("held"));
        assertTrue(Instant.parse((String) token.get("expiresAt")).isAfter(Instant.now()), token.toString());
        assertFalse(current.getDetails().toString().contains(azure.issuedTokens().get(0)));
    }
}
