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
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Turns any failure into the status and body an OpenAI client expects. Provider messages are not repeated, except for a
 * request the provider refused as malformed or under its content policy (the caller's own request), and then with
 * anything shaped like a key masked: a provider's 401 text can quote part of the key the gateway used.
 */
public final class OpenAiErrors {

    private static final Pattern KEY = Pattern.compile("(sk-|hf_|gk-)[A-Za-z0-9_\\-*.]{3,}");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    /** The status of a request whose caller hung up before its answer (there is no standard one). */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    private OpenAiErrors() {
    }

    /** What the caller is told about this failure. */
    public static GatewayException toGateway(Throwable failure) {
        if (failure instanceof GatewayException g) {
            return g;
        }
        if (failure instanceof InferenceException e) {
            return fromInference(e);
        }
        return new GatewayException(
                500, "server_error", "internal_error", "The gateway failed to handle the request.",
                null);
    }

    private static GatewayException fromInference(InferenceException e) {
        ErrorKind kind = e.getKind();
        Duration retryAfter = e.getDetails().retryAfter();
        return switch (kind) {
            case INVALID_REQUEST, CONTEXT_LENGTH_EXCEEDED -> GatewayException.badRequest(
                    kind == ErrorKind.CONTEXT_LENGTH_EXCEEDED ? "context_length_exceeded" : e.getDetails().errorCode(),
                    "The provider refused the request: " + mask(e.getDetails().providerMessage()));
            // why a 400 and never a 5xx: the prompt itself was refused, so sending it again (as SDKs do after a 5xx)
            // is refused again; the provider's words say which category the filter flagged
            case CONTENT_FILTERED -> GatewayException.contentPolicy(
                    "The provider's content filter refused this request; change the prompt rather than sending it"
                                                                    + " again. The provider said: "
                                                                    + mask(e.getDetails().providerMessage()));
            case BUDGET_EXCEEDED -> new GatewayException(
                    429, "insufficient_quota", "budget_exceeded",
                    "Your tenant's budget for this period is spent.", until(retryAfter));
            case RATE_LIMITED -> new GatewayException(
                    429, "rate_limit_error", "rate_limit_exceeded",
                    "Every provider behind this model is rate limited; try again later.", until(retryAfter));
            case TIMEOUT -> new GatewayException(
                    504, "timeout", "provider_timeout",
                    "No provider behind this model answered in time.", null);
            // why 499 (nginx's "client closed request"): the caller hung up, so no one reads it; a status below 500
            // keeps it out of the provider-failure log
            case CANCELLED -> new GatewayException(
                    CLIENT_CLOSED_REQUEST, "cancelled", "request_cancelled",
                    "The request was cancelled before it ended.", null);
            default -> new GatewayException(
                    502, "server_error", "provider_error",
                    "No provider behind this model could answer (" + kind.name().toLowerCase() + ").", null);
        };
    }

    private static Duration until(Duration retryAfter) {
        return retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()
                ? DEFAULT_RETRY_AFTER
                : retryAfter;
    }

    /** Masks anything that looks like an API key. */
    static String mask(String message) {
        return message == null ? "(no message)" : KEY.matcher(message).replaceAll("$1***");
    }

    /** {@code {"error":{"message","type","param","code"}}}. */
    public static ObjectNode body(ObjectMapper mapper, GatewayException e) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.putNull("param");
        if (e.code() == null) {
            error.putNull("code");
        } else {
            error.put("code", e.code());
        }
        return root;
    }
}
