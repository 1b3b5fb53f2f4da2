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

import java.time.Duration;

/**
 * Everything known about a failed call. Never holds the API key.
 *
 * @param provider        the endpoint's provider name ({@code openai}, {@code huggingface}, …)
 * @param httpStatus      the HTTP status, or 0 when none was received
 * @param errorType       the provider's error {@code type}, if it sent one
 * @param errorCode       the provider's error {@code code}, if it sent one
 * @param providerMessage the provider's own message, or what happened on the wire
 * @param requestId       the provider's request id ({@code x-request-id}), for support tickets
 * @param retryAfter      how long the provider asked to wait, or null
 */
public record ErrorDetails(String provider, int httpStatus, String errorType, String errorCode,
        String providerMessage, String requestId, Duration retryAfter) {

    public static ErrorDetails of(String provider, String message) {
        return new ErrorDetails(provider, 0, null, null, message, null, null);
    }

    public ErrorDetails withRequestId(String id) {
        return new ErrorDetails(provider, httpStatus, errorType, errorCode, providerMessage, id, retryAfter);
    }
}
