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

/**
 * A request the gateway answers itself with an OpenAI-style error: the HTTP status, the error's {@code type} and
 * {@code code}, a message safe to show the caller (never a provider key or another tenant's data), and for 429 how long
 * to wait.
 */
public final class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final Duration retryAfter;

    public GatewayException(int status, String type, String code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public static GatewayException badRequest(String code, String message) {
        return new GatewayException(400, "invalid_request_error", code, message, null);
    }

    /**
     * A request the provider's content filter refused: 400 with OpenAI's own code and type for it,
     * {@code content_policy_violation} / {@code invalid_request_error} (OpenAI's body, quoted in songquanpeng/one-api
     * issue 737: {@code {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of
     * our safety system. …","param":null,"type":"invalid_request_error"}}}). Azure OpenAI answers the same refusal with
     * a 400 too, code {@code content_filter} (Azure/azure-sdk-for-go pull request 23936).
     */
    public static GatewayException contentPolicy(String message) {
        return new GatewayException(400, "invalid_request_error", "content_policy_violation", message, null);
    }

    public static GatewayException badKey() {
        return new GatewayException(
                401, "invalid_request_error", "invalid_api_key",
                "Incorrect API key provided. Use a key this gateway issued, as 'Authorization: Bearer <key>'.", null);
    }

    public static GatewayException unknownModel(String model) {
        return new GatewayException(
                404, "invalid_request_error", "model_not_found",
                "The model '" + model + "' does not exist or you do not have access to it.", null);
    }

    public static GatewayException tenantRateLimited(int requestsPerMinute, Duration retryAfter) {
        return new GatewayException(
                429, "rate_limit_error", "rate_limit_exceeded",
                "Rate limit reached for your key: " + requestsPerMinute + " requests per minute. Try again in "
                                                                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s.",
                retryAfter);
    }

    /** A stream the gateway ended because it stops: the answer is incomplete, and sending the request again helps. */
    public static GatewayException shuttingDown() {
        return new GatewayException(
                503, "server_error", "gateway_shutting_down",
                "The gateway is shutting down and ended this stream before the answer was complete; send the request"
                                                              + " again.",
                null);
    }

    /** A request the gateway ended because it stops, before its provider answered: sending it again helps. */
    public static GatewayException shuttingDownBeforeAnswer() {
        return new GatewayException(
                503, "server_error", "gateway_shutting_down",
                "The gateway is shutting down and ended this request before its provider answered; send the request"
                                                              + " again.",
                null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** For a 429: how long to wait before trying again; else null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
