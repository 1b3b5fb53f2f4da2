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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.error.AuthenticationException;
import io.github.camelinference.camel.inference.error.CallCancelledException;
import io.github.camelinference.camel.inference.error.ConnectionFailedException;
import io.github.camelinference.camel.inference.error.ContentFilteredException;
import io.github.camelinference.camel.inference.error.ContextLengthExceededException;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.FailoverableInferenceException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.camel.inference.error.MalformedResponseException;
import io.github.camelinference.camel.inference.error.ModelNotFoundException;
import io.github.camelinference.camel.inference.error.ProviderUnavailableException;
import io.github.camelinference.camel.inference.error.QuotaExceededException;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.camel.inference.error.RetryableInferenceException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorClassificationTest extends SimulatorTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Every OpenAI error body in the fixtures, with the retry and failover answers the fixture states. */
    static List<JsonNode> openAiErrors() throws Exception {
        List<JsonNode> cases = new ArrayList<>();
        for (String line : fixture("openai_errors.jsonl").split("\n")) {
            if (!line.isBlank()) {
                cases.add(MAPPER.readTree(line));
            }
        }
        return cases;
    }

    @ParameterizedTest
    @MethodSource("openAiErrors")
    void everyOpenAiErrorBecomesATypedErrorCarryingTheProvidersWords(JsonNode fixture) {
        Reply reply = Reply.json(fixture.get("status").asInt(), fixture.get("body").toString())
                .withHeader("x-request-id", "req_err");
        if (fixture.has("headers")) {
            for (var header : fixture.get("headers").properties()) {
                reply = reply.withHeader(header.getKey(), header.getValue().asText());
            }
        }
        openai.enqueue(reply);

        InferenceException e = failure(openaiUri(""), "Hi", InferenceException.class);

        JsonNode error = fixture.get("body").get("error");
        assertEquals(fixture.get("status").asInt(), e.getHttpStatus());
        assertEquals(error.get("message").asText(), e.getProviderMessage());
        assertEquals(error.get("type").asText(), e.getErrorType());
        assertEquals("req_err", e.getRequestId());
        assertEquals(fixture.get("retry").asBoolean(), e.isRetryable(), e.getMessage());
        if (fixture.has("failover") || fixture.has("fallback")) {
            assertTrue(e.isFailoverable(), e.getMessage());
        }
    }

    @Test
    void errorCodesPickTheRightType() throws Exception {
        Map<String, Class<? extends InferenceException>> expected = Map.of(
                "context_length_exceeded", ContextLengthExceededException.class,
                "invalid_api_key", AuthenticationException.class,
                "model_not_found", ModelNotFoundException.class,
                "insufficient_quota", QuotaExceededException.class,
                "rate_limit_exceeded", RateLimitedException.class,
                "unsupported_parameter", InvalidRequestException.class);
        int checked = 0;
        for (JsonNode fixture : openAiErrors()) {
            Class<? extends InferenceException> type = expected.get(fixture.at("/body/error/code").asText());
            if (type != null) {
                openai.enqueue(Reply.json(fixture.get("status").asInt(), fixture.get("body").toString()));
                failure(openaiUri(""), "Hi", type);
                checked++;
            }
        }
        assertEquals(expected.size(), checked, "every code in the table appears in the fixtures");
    }

    @Test
    void everyErrorShapeOfTheRouterCarriesTheProvidersMessage() {
        record Shape(int status, String body, Class<? extends InferenceException> type, String message) {
        }
        List<Shape> shapes = List.of(
                new Shape(
                        402, "{\"error\":\"You have exceeded your monthly included credits for Inference Providers.\"}",
                        QuotaExceededException.class, "monthly included credits"),
                new Shape(
                        400, "The requested model 'deepseek-ai/DeepSeek-V3-0324' is not supported by any provider you"
                             + " have enabled",
                        ModelNotFoundException.class, "not supported by any provider"),
                new Shape(
                        500, "{\"error\":{\"message\":\"Internal failure\"}}", ProviderUnavailableException.class,
                        "Internal failure"),
                new Shape(503, "{\"message\":\"SambaNova is busy\"}", ProviderUnavailableException.class, "busy"),
                new Shape(
                        422, "{\"detail\":[{\"loc\":[\"body\",\"messages\"],\"msg\":\"field required\"}]}",
                        InvalidRequestException.class, "field required"),
                new Shape(429, "rate limited by backend", RateLimitedException.class, "rate limited by backend"),
                new Shape(529, "", ProviderUnavailableException.class, "(empty error body)"));
        for (Shape shape : shapes) {
            huggingface.enqueue(shape.body.startsWith("{")
                    ? Reply.json(shape.status, shape.body)
                    : Reply.text(shape.status, shape.body));
            InferenceException e = failure(hfUri(""), "Hi", shape.type);
            assertTrue(e.getProviderMessage().contains(shape.message), shape + " -> " + e.getMessage());
            assertEquals(shape.status, e.getHttpStatus());
        }
    }

    @Test
    void rateLimitCarriesRetryAfterInSeconds() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("retry-after", "2"));

        RateLimitedException e = failure(openaiUri(""), "Hi", RateLimitedException.class);

        assertEquals(Duration.ofSeconds(2), e.getRetryAfter());
        assertEquals(2000, e.getRetryAfterMillis());
        assertTrue(e.isRetryable() && e.isFailoverable());
    }

    @Test
    void rateLimitPrefersRetryAfterMs() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}")
                .withHeader("retry-after-ms", "250.5").withHeader("retry-after", "9"));

        assertEquals(251, failure(openaiUri(""), "Hi", RateLimitedException.class).getRetryAfterMillis());
    }

    @Test
    void rateLimitReadsRetryAfterAsAnHttpDate() {
        String in30s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", in30s));

        long millis = failure(openaiUri(""), "Hi", RateLimitedException.class).getRetryAfterMillis();

        assertTrue(millis > 25_000 && millis <= 30_000, "retry after " + millis + " ms");
    }

    @Test
    void aContentFilterRefusalNamesTheCategoryTheFilterFlagged() {
        openai.enqueue(Reply.contentFiltered("violence"));

        ContentFilteredException e = failure(openaiUri(""), "Hi", ContentFilteredException.class);

        assertEquals(400, e.getHttpStatus());
        assertEquals("content_filter", e.getErrorCode());
        assertTrue(e.getProviderMessage().startsWith("The response was filtered"), e.getProviderMessage());
        assertTrue(e.getProviderMessage().endsWith(" (filtered for violence (high))"), e.getProviderMessage());
        assertEquals(java.util.Map.of("violence", "high"), e.getCategories());
        assertFalse(e.isRetryable(), "the same prompt is refused again");
        assertFalse(e.isFailoverable(), "a refusal is not another provider's to overrule");
    }

    @Test
    void openAisContentPolicyCodeAndAFilteredStreamEventAreContentFilterRefusals() {
        // OpenAI's own shape: code content_policy_violation, no categories (one-api#737 quotes the body)
        openai.enqueue(Reply.json(400, "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"Your"
                                       + " request was rejected as a result of our safety system.\",\"param\":null,"
                                       + "\"type\":\"invalid_request_error\"}}"));
        ContentFilteredException policy = failure(openaiUri(""), "Hi", ContentFilteredException.class);
        assertEquals("Your request was rejected as a result of our safety system.", policy.getProviderMessage());

        openai.enqueue(Reply.sseData("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                                     + "\"delta\":{\"role\":\"assistant\",\"content\":\"Once\"}}]}",
                "{\"error\":{\"message\":\"The response was filtered\",\"code\":\"content_filter\",\"status\":400,"
                                                                                                     + "\"innererror\":{\"content_filter_result\":{\"sexual\":{\"filtered\":true,\"severity\":"
                                                                                                     + "\"medium\"}}}}}"));
        ContentFilteredException midStream = failure(openaiUri("stream=true&aggregateStream=true"), "Hi",
                ContentFilteredException.class);
        assertTrue(midStream.getProviderMessage().endsWith(" (filtered for sexual (medium))"),
                midStream.getProviderMessage());
    }

    @Test
    void theClassOfEveryErrorSaysWhatItsFlagsSay() {
        for (ErrorKind kind : ErrorKind.values()) {
            InferenceException e = InferenceException.of(kind, ErrorDetails.of("p", "m"), null);
            assertEquals(kind, e.getKind());
            assertEquals(kind.isRetryable(), e instanceof RetryableInferenceException, kind.name());
            assertEquals(kind.isFailoverable(), e instanceof FailoverableInferenceException, kind.name());
        }
    }

    @Test
    void aCancelledCallIsNeitherRetryableNorFailoverable() {
        InferenceException e = InferenceException.of(ErrorKind.CANCELLED, ErrorDetails.of("p", "cancelled"), null);

        assertInstanceOf(CallCancelledException.class, e);
        assertFalse(e.isRetryable(), "retrying a call its caller gave up on answers no one");
        assertFalse(e.isFailoverable(), "another provider cannot help a caller that left");
    }

    @Test
    void retryAfterBecomesCamelsRedeliveryDelayAndIsClearedByTheNextCall() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", "1"));
        Exchange failed = template.request(openaiUri(""), e -> e.getMessage().setBody("Hi"));
        assertEquals(1000L, failed.getMessage().getHeader(Exchange.REDELIVERY_DELAY));

        failed.setException(null);
        Exchange retried = template.send(openaiUri(""), failed);
        assertNull(retried.getException());
        assertNull(retried.getMessage().getHeader(Exchange.REDELIVERY_DELAY));
        assertEquals(2, retried.getMessage().getHeader(InferenceConstants.ATTEMPTS));
    }

    @Test
    void aRedeliveryDelaySetByTheUserIsLeftAlone() {
        Exchange result = template.request(openaiUri(""), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(Exchange.REDELIVERY_DELAY, 42L);
        });
        assertEquals(42L, result.getMessage().getHeader(Exchange.REDELIVERY_DELAY));
    }

    @Test
    void a503IsRetryable() {
        openai.enqueue(Reply.json(503, "{\"error\":{\"message\":\"The engine is currently overloaded\"}}"));

        ProviderUnavailableException e = failure(openaiUri(""), "Hi", ProviderUnavailableException.class);

        assertTrue(e.isRetryable());
        assertEquals(ErrorKind.PROVIDER_UNAVAILABLE, e.getKind());
    }

    @Test
    void aConnectionResetBeforeTheAnswerIsAConnectionFailure() {
        openai.enqueue(Reply.reset());

        ConnectionFailedException e = failure(openaiUri(""), "Hi", ConnectionFailedException.class);

        assertTrue(e.isRetryable());
        assertNotNull(e.getCause());
    }

    @Test
    void aRefusedConnectionIsAConnectionFailure() {
        failure("inference:openai?apiKey=k&baseUrl=http://127.0.0.1:1/v1", "Hi", ConnectionFailedException.class);
    }

    @Test
    void aSilentProviderIsEndedByTheRequestTimeout() {
        openai.enqueue(Reply.stall());

        InferenceTimeoutException e = failure(openaiUri("requestTimeout=300"), "Hi", InferenceTimeoutException.class);

        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
    }

    @Test
    void aSlowAnswerWithinTheTimeoutSucceeds() {
        openai.enqueue(Reply.answer().delayed(Duration.ofMillis(200)));

        assertEquals("Simulated answer to: Hi", template.requestBody(openaiUri("requestTimeout=5000"), "Hi"));
    }

    @Test
    void malformedJsonIsAMalformedResponseError() {
        openai.enqueue(Reply.json(200, "{\"choices\": [ {\"message\": "));

        MalformedResponseException e = failure(openaiUri(""), "Hi", MalformedResponseException.class);

        assertTrue(e.getMessage().contains("not chat-completions JSON"), e.getMessage());
    }

    @Test
    void aMalformedChunkInAStreamIsAMalformedResponseError() {
        openai.enqueue(Reply.sseData("{\"choices\":[{\"delta\":"));

        failure(openaiUri("stream=true"), "Hi", MalformedResponseException.class);
    }

    @Test
    void anEmptyBodyIsAnInvalidRequestThatNeverReachesTheProvider() {
        InvalidRequestException e = failure(openaiUri(""), "  ", InvalidRequestException.class);

        assertFalse(e.isFailoverable());
        assertTrue(e.getMessage().contains("no prompt"), e.getMessage());
        assertEquals(0, openai.requestCount());
    }
}
