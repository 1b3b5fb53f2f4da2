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
package io.github.camelinference.camel.inference;

import java.time.Duration;
import java.util.Map;

import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.error.AuthenticationException;
import io.github.camelinference.camel.inference.error.ContentFilteredException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.ModelNotFoundException;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code inference:azure} against the simulator's Azure flavour with an API key: both URL shapes, the {@code api-key}
 * header, content-filter verdicts and refusals, {@code retry-after-ms}, and a deployment that does not exist.
 */
class AzureOpenAiTest extends SimulatorTestSupport {

    static final String AZURE_KEY = "azure-canary-0123456789-abcdefghijklmnop";

    @Simulator(value = Flavour.AZURE, resetBeforeEach = true)
    static ProviderSimulator azure;

    static String azureUri(String options) {
        return "inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=gpt-5-mini&apiKey=RAW(" + AZURE_KEY + ")"
               + (options.isEmpty() ? "" : "&" + options);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:failover")
                        .loadBalance().failover(ModelNotFoundException.class)
                        .to("inference:azure?baseUrl=" + azure.baseUrl() + "&deployment=retired-deployment"
                            + "&apiKey=RAW(" + AZURE_KEY + ")")
                        .to(openaiUri(""))
                        .end();
            }
        };
    }

    @Test
    void theV1ShapeSendsTheDeploymentAsModelAndTheKeyInTheApiKeyHeader() {
        azure.requireCredentials(AZURE_KEY);

        Exchange answered = template.request(azureUri("maxTokens=300"), e -> e.getMessage().setBody("Hello"));

        assertNull(answered.getException());
        assertEquals("Simulated answer to: Hello", answered.getMessage().getBody());
        assertEquals("azure", answered.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("gpt-5-mini-2025-08-07", answered.getMessage().getHeader(InferenceConstants.RESPONSE_MODEL));
        RecordedRequest sent = azure.lastRequest();
        assertEquals("/openai/v1/chat/completions", sent.path());
        assertEquals(AZURE_KEY, sent.header("api-key"));
        assertNull(sent.header("authorization"), "a key never goes as a Bearer token");
        assertEquals("gpt-5-mini", sent.json().get("model").asText());
        assertEquals(300, sent.json().get("max_completion_tokens").asInt());
        assertFalse(sent.json().has("max_tokens"));
    }

    @Test
    void anApiVersionSelectsTheDeploymentUrlShape() {
        azure.requireCredentials(AZURE_KEY);

        String answer = template.requestBody(azureUri("apiVersion=2024-10-21"), "Hello", String.class);

        assertEquals("Simulated answer to: Hello", answer);
        RecordedRequest sent = azure.lastRequest();
        assertEquals("/openai/deployments/gpt-5-mini/chat/completions?api-version=2024-10-21", sent.path());
        assertEquals(AZURE_KEY, sent.header("api-key"));
    }

    @Test
    void bothShapesStreamToo() {
        for (String shape : new String[] { "", "apiVersion=2025-04-01-preview&" }) {
            String answer = template.requestBody(azureUri(shape + "stream=true&aggregateStream=true"), "Hi there",
                    String.class);
            assertEquals("Simulated answer to: Hi there", answer);
        }
        assertEquals(2, azure.requestCount());
    }

    @Test
    void theModelOptionNamesTheDeploymentWhenDeploymentIsNotSet() {
        String answer = template.requestBody("inference:azure?baseUrl=" + azure.baseUrl()
                                             + "&model=my-gpt5&apiVersion=2024-10-21&apiKey=RAW(" + AZURE_KEY + ")",
                "Hello", String.class);

        assertEquals("Simulated answer to: Hello", answer);
        assertEquals("/openai/deployments/my-gpt5/chat/completions?api-version=2024-10-21", azure.lastRequest().path());
    }

    @Test
    void aWrongKeyIsAnAuthenticationErrorThatAStaticKeyDoesNotRetry() {
        azure.requireCredentials("another-key");

        AuthenticationException e = failure(azureUri(""), "Hello", AuthenticationException.class);

        assertEquals(401, e.getHttpStatus());
        assertTrue(e.getMessage().contains("invalid subscription key"), e.getMessage());
        assertEquals(1, azure.requestCount(), "a static key is not sent again");
        assertFalse(e.getMessage().contains(AZURE_KEY));
    }

    @Test
    void everyAnswerCarriesTheContentFilterVerdictsInAHeader() {
        Exchange answered = template.request(azureUri(""), e -> e.getMessage().setBody("Hello"));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> verdicts = answered.getMessage()
                .getHeader(InferenceConstants.CONTENT_FILTER_RESULTS, Map.class);
        assertEquals("safe", verdicts.get("completion").get("violence").get("severity"));
        assertEquals(false, verdicts.get("prompt").get("hate").get("filtered"));
        assertTrue(answered.getMessage().getHeader(InferenceConstants.RESPONSE,
                io.github.camelinference.camel.inference.chat.ChatResponse.class).contentFilter() != null);
    }

    @Test
    void aStreamedAnswerKeepsTheVerdictsOnThePromptAndTheAnswer() {
        Exchange answered = template.request(azureUri("stream=true&aggregateStream=true"),
                e -> e.getMessage().setBody("Hello"));

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Map<String, Object>>> verdicts = answered.getMessage()
                .getHeader(InferenceConstants.CONTENT_FILTER_RESULTS, Map.class);
        assertEquals("safe", verdicts.get("prompt").get("sexual").get("severity"));
        assertEquals("safe", verdicts.get("completion").get("self_harm").get("severity"));
    }

    @Test
    void otherProvidersSetNoContentFilterHeader() {
        Exchange answered = template.request(openaiUri(""), e -> e.getMessage().setBody("Hello"));

        assertNull(answered.getMessage().getHeader(InferenceConstants.CONTENT_FILTER_RESULTS));
    }

    @Test
    void aFilteredPromptIsContentFilteredExceptionNamingTheCategoryAndSeverity() {
        azure.enqueue(Reply.contentFilteredPrompt("hate", "high"));

        ContentFilteredException e = failure(azureUri(""), "something hateful", ContentFilteredException.class);

        assertEquals(Map.of("hate", "high"), e.getCategories());
        assertEquals(400, e.getHttpStatus());
        assertEquals("content_filter", e.getErrorCode());
        assertTrue(e.getMessage().contains("hate (high)"), e.getMessage());
        assertFalse(e.isRetryable());
        assertFalse(e.isFailoverable(), "another deployment's filter refuses the same prompt");
    }

    @Test
    void aFilteredAnswerIsContentFilteredExceptionNamingTheCategoryAndSeverity() {
        azure.enqueue(Reply.contentFilteredAnswer("violence", "medium"));

        ContentFilteredException e = failure(azureUri(""), "tell me a story", ContentFilteredException.class);

        assertEquals(Map.of("violence", "medium"), e.getCategories());
        assertEquals(200, e.getHttpStatus());
        assertTrue(e.getMessage().contains("violence (medium)"), e.getMessage());
    }

    @Test
    void aStreamTheFilterStopsHalfWayIsContentFilteredExceptionToo() {
        azure.enqueue(Reply.contentFilteredAnswer("sexual", "high"));

        ContentFilteredException e = failure(azureUri("stream=true&aggregateStream=true"),
                "tell me a much longer story please", ContentFilteredException.class);

        assertEquals(Map.of("sexual", "high"), e.getCategories());
        assertTrue(e.getMessage().contains("sexual (high)"), e.getMessage());
    }

    @Test
    void retryAfterMsOfA429IsTheRetryAfterAndTheRedeliveryDelay() {
        azure.enqueue(Reply.azureRateLimited(Duration.ofMillis(1500)));

        Exchange failed = template.request(azureUri(""), e -> e.getMessage().setBody("Hello"));

        RateLimitedException e = assertInstanceOf(RateLimitedException.class, failed.getException());
        assertEquals(Duration.ofMillis(1500), e.getRetryAfter(), "retry-after-ms, not retry-after's 2 s");
        assertEquals(1500L, failed.getMessage().getHeader(InferenceConstants.REDELIVERY_DELAY));
        assertTrue(e.isRetryable());
    }

    @Test
    void aRemainingCountOfZeroWithRetryAfterMsHoldsTheLimiterBackUntilThen() {
        String uri = azureUri("requestsPerMinute=600&rateLimitAccount=azure-prod");
        azure.enqueue(Reply.azureRateLimited(Duration.ofSeconds(30)));
        assertInstanceOf(RateLimitedException.class,
                template.request(uri, e -> e.getMessage().setBody("Hello")).getException());

        Exchange held = template.request(uri, e -> e.getMessage().setBody("Hello"));

        AccountRateLimitedException e = assertInstanceOf(AccountRateLimitedException.class, held.getException());
        assertTrue(e.getRetryAfterMillis() > 20_000, "held back for about the 30 s Azure asked: " + e.getMessage());
        assertEquals(1, azure.requestCount(), "the held call was not sent");
    }

    @Test
    void aDeploymentThatDoesNotExistIsModelNotFound() {
        azure.deployments("gpt-5-mini");

        for (String shape : new String[] { "", "&apiVersion=2024-10-21" }) {
            ModelNotFoundException e = failure("inference:azure?baseUrl=" + azure.baseUrl()
                                               + "&deployment=gpt-4-retired&apiKey=RAW(" + AZURE_KEY + ")" + shape,
                    "Hello", ModelNotFoundException.class);
            assertEquals(404, e.getHttpStatus());
            assertEquals("DeploymentNotFound", e.getErrorCode());
            assertTrue(e.isFailoverable());
        }
    }

    @Test
    void aDeploymentThatDoesNotExistFailsOverToTheNextTarget() {
        azure.deployments("gpt-5-mini");

        Exchange answered = template.request("direct:failover", e -> e.getMessage().setBody("Hello"));

        assertNull(answered.getException());
        assertEquals("openai", answered.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(1, azure.requestCount());
    }

    @Test
    void aProviderEchoingTheKeyNeverCarriesItIntoTheException() {
        azure.enqueue(Reply.json(401, "{\"error\":{\"code\":\"401\",\"message\":\"Key " + AZURE_KEY
                                      + " is not valid\"}}"));

        InferenceException e = failure(azureUri(""), "Hello", InferenceException.class);

        assertFalse(e.getMessage().contains(AZURE_KEY), e.getMessage());
        assertTrue(e.getMessage().contains("****"), e.getMessage());
    }
}
