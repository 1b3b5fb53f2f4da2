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
package io.github.camelinference.camel.inference.gateway.openai;

import java.time.Duration;

import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayErrorsTest {

    private static GatewayException of(ErrorKind kind, String providerMessage, Duration retryAfter) {
        return OpenAiErrors.toGateway(InferenceException.of(kind,
                new ErrorDetails("openai", 400, "invalid_request_error", "bad", providerMessage, "req_1", retryAfter),
                null));
    }

    @Test
    void mapsEachKindToItsStatus() {
        assertEquals(400, of(ErrorKind.INVALID_REQUEST, "bad", null).status());
        assertEquals(400, of(ErrorKind.CONTEXT_LENGTH_EXCEEDED, "too long", null).status());
        assertEquals(429, of(ErrorKind.RATE_LIMITED, null, Duration.ofSeconds(3)).status());
        assertEquals(Duration.ofSeconds(3), of(ErrorKind.RATE_LIMITED, null, Duration.ofSeconds(3)).retryAfter());
        assertEquals(429, of(ErrorKind.BUDGET_EXCEEDED, null, null).status());
        assertEquals(504, of(ErrorKind.TIMEOUT, null, null).status());
        assertEquals(502, of(ErrorKind.AUTHENTICATION, null, null).status());
        assertEquals(502, of(ErrorKind.PROVIDER_UNAVAILABLE, null, null).status());
        assertEquals(500, OpenAiErrors.toGateway(new IllegalStateException("boom")).status());
    }

    @Test
    void aContentFilterRefusalIsA400WithOpenAisContentPolicyCodeAndTheProvidersCategory() {
        GatewayException e = OpenAiErrors.toGateway(InferenceException.of(ErrorKind.CONTENT_FILTERED,
                new ErrorDetails(
                        "azure", 400, null, "content_filter", "The response was filtered; filtered:"
                                                              + " violence (high)",
                        "req_1", null),
                null));

        assertEquals(400, e.status(), "never a 5xx, which SDKs send again");
        assertEquals("invalid_request_error", e.type());
        assertEquals("content_policy_violation", e.code());
        assertTrue(e.getMessage().contains("violence (high)"), e.getMessage());
        // a filtered answer (HTTP 200, finish_reason content_filter) is refused the same way
        assertEquals(400, of(ErrorKind.CONTENT_FILTERED, "the provider's content filter withheld the answer", null)
                .status());
    }

    @Test
    void aCancelledCallIsTheClientsDoingNotAProviderFailure() {
        // below 500: ErrorOut logs 5xx as gateway or provider failures, and this one is neither
        assertEquals(499, of(ErrorKind.CANCELLED, null, null).status());
        assertEquals("request_cancelled", of(ErrorKind.CANCELLED, null, null).code());
    }

    @Test
    void neverRepeatsAKey() {
        GatewayException e = of(ErrorKind.INVALID_REQUEST, "Incorrect API key provided: sk-proj-abc123XYZ", null);
        assertFalse(e.getMessage().contains("abc123XYZ"), e.getMessage());
        GatewayException auth = of(ErrorKind.AUTHENTICATION, "Incorrect API key provided: hf_secret", null);
        assertFalse(auth.getMessage().contains("hf_secret"), auth.getMessage());
    }
}
