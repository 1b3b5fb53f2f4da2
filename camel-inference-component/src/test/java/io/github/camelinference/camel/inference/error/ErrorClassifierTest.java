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
package io.github.camelinference.camel.inference.error;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the classifier reads the ways OpenAI-compatible servers, the Hugging Face router's backends above all, say "this
 * model is not served here": each wording seen in the wild is a row of {@code fixtures/model_not_served_errors.jsonl}
 * with the thread or page it comes from, and each must fail over (another provider may serve the model) without a retry
 * (this one will refuse again). The rows of {@code fixtures/parameter_refused_errors.jsonl} are the other side: a
 * parameter or value the model does not take is the caller's to fix, whoever names the model in the message.
 */
class ErrorClassifierTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<Arguments> modelNotServed() {
        return rows("model_not_served_errors.jsonl");
    }

    static List<Arguments> parameterRefused() {
        return rows("parameter_refused_errors.jsonl");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNotServed")
    void aBackendThatDoesNotServeTheModelFailsOverWithoutRetrying(String provider, JsonNode row) {
        InferenceException e = classify(row.get("status").asInt(), body(row));

        ModelNotFoundException refused = assertInstanceOf(ModelNotFoundException.class, e,
                provider + " (" + row.get("source").asText() + "): " + e.getMessage());
        assertTrue(refused.isFailoverable(), "another provider may serve the model");
        assertFalse(refused.isRetryable(), "this provider refuses the model again");
        assertEquals(row.get("status").asInt(), refused.getHttpStatus());
        assertTrue(refused.getMessage().contains(Excerpt.of(message(row)).substring(0, 20)), refused.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNotServed")
    void theWordingAloneIsEnoughWhenARouterRelaysItAsAPlain400(String provider, JsonNode row) {
        // a router in front may pass the backend's words on without its status or code
        InferenceException e = classify(400, "{\"error\":{\"message\":" + MAPPER.valueToTree(message(row)) + "}}");

        assertInstanceOf(ModelNotFoundException.class, e, provider + " (" + row.get("source").asText() + "): "
                                                          + e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parameterRefused")
    void aParameterOrValueTheModelDoesNotTakeStaysAnInvalidRequest(String provider, JsonNode row) {
        InferenceException e = classify(row.get("status").asInt(), body(row));

        InvalidRequestException invalid = assertInstanceOf(InvalidRequestException.class, e,
                provider + " (" + row.get("source").asText() + "): " + e.getMessage());
        assertFalse(invalid.isFailoverable(), "every provider would refuse the same request");
        assertFalse(invalid.isRetryable());
    }

    @Test
    void anInStreamErrorEventSayingTheModelIsNotServedFailsOver() throws IOException {
        JsonNode event = MAPPER.readTree("{\"error\":{\"message\":\"Model not supported by provider together\"}}");

        InferenceException e = ErrorClassifier.fromStreamEvent("huggingface", event, "req_1");

        assertInstanceOf(ModelNotFoundException.class, e, e.getMessage());
    }

    @Test
    void a403WithoutWordsAboutTheModelStaysAnAuthenticationError() {
        // the router refusing a provider for this account: the key's problem, not the model's
        InferenceException e = classify(403, "{\"error\":\"The requested provider 'deepinfra' is not available..\"}");

        assertInstanceOf(AuthenticationException.class, e, e.getMessage());
    }

    @Test
    void a401ForABadKeyStaysAnAuthenticationError() {
        InferenceException e = classify(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-****. You can"
                                             + " find your API key at https://platform.openai.com/account/api-keys.\","
                                             + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");

        assertInstanceOf(AuthenticationException.class, e, e.getMessage());
    }

    @Test
    void aModelCodeWinsOverWordsThatLookLikeAParameter() {
        // the code is unambiguous; "tools" in the message does not make it the caller's fault
        InferenceException e = classify(400, "{\"error\":{\"message\":\"The model x does not exist or cannot use"
                                             + " tools here\",\"code\":\"model_not_found\"}}");

        assertInstanceOf(ModelNotFoundException.class, e, e.getMessage());
    }

    @Test
    void a429KeepsTheProvidersRetryAfterAndIsRetried() {
        InferenceException e = ErrorClassifier.fromResponse("openai", 429,
                Map.of("retry-after", "7", "x-request-id", "req-1")::get,
                "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}");

        assertEquals(ErrorKind.RATE_LIMITED, e.getKind());
        assertEquals(7_000, e.getRetryAfterMillis());
        assertEquals("req-1", e.getRequestId());
        assertTrue(e.isRetryable(), "the same provider answers once the limit resets");
    }

    @Test
    void anExceededContextIsTheCallersToFixButAnotherModelMayTakeIt() {
        InferenceException e = classify(400, "{\"error\":{\"message\":\"This model's maximum context length is"
                                             + " 8192 tokens\",\"code\":\"context_length_exceeded\"}}");

        assertEquals(ErrorKind.CONTEXT_LENGTH_EXCEEDED, e.getKind());
        assertFalse(e.isRetryable());
        assertTrue(e.isFailoverable());
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        InferenceException e = classify(429, "{\"error\":{\"message\":\"You exceeded your current quota\","
                                             + "\"code\":\"insufficient_quota\"}}");

        assertEquals(ErrorKind.QUOTA_EXCEEDED, e.getKind());
        assertFalse(e.isRetryable(), "the same key fails again until the account is topped up");
    }

    @Test
    void anEmptyErrorBodySaysSo() {
        InferenceException e = classify(503, "");

        assertEquals(ErrorKind.PROVIDER_UNAVAILABLE, e.getKind());
        assertEquals("(empty error body)", e.getProviderMessage());
    }

    @Test
    void anErrorEventWithoutAStatusInterruptsTheStream() throws IOException {
        InferenceException e = ErrorClassifier.fromStreamEvent("huggingface",
                MAPPER.readTree("{\"error\":{\"message\":\"upstream closed\"}}"), "req-2");

        assertEquals(ErrorKind.STREAM_INTERRUPTED, e.getKind());
        assertTrue(e.getProviderMessage().contains("upstream closed"), e.getProviderMessage());
        assertEquals("req-2", e.getRequestId());
    }

    private static InferenceException classify(int status, String body) {
        return ErrorClassifier.fromResponse("huggingface", status, Map.<String, String> of()::get, body);
    }

    private static String body(JsonNode row) {
        return row.has("body_text") ? row.get("body_text").asText() : row.get("body").toString();
    }

    /** The provider's words in the row, wherever its shape keeps them. */
    private static String message(JsonNode row) {
        JsonNode body = row.get("body");
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return error.asText();
        }
        return error.isObject() ? error.get("message").asText() : body.get("message").asText();
    }

    private static List<Arguments> rows(String file) {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = ErrorClassifierTest.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + file);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    ObjectNode row = (ObjectNode) MAPPER.readTree(line);
                    rows.add(Arguments.of(row.get("provider").asText(), row));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
