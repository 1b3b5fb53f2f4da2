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
 * A failed inference call. Subclasses name the kind so that {@code onException(RateLimitedException.class)} works;
 * {@link #isRetryable()} and {@link #isFailoverable()} answer the two questions routes ask, also from the Simple
 * language ({@code ${exception.retryable}}) in YAML routes.
 */
public class InferenceException extends RuntimeException {

    private final ErrorKind kind;
    private final ErrorDetails details;

    protected InferenceException(ErrorKind kind, ErrorDetails details, Throwable cause) {
        super(describe(kind, details), cause);
        this.kind = kind;
        this.details = details;
    }

    /** Creates the exception subclass that matches the kind. */
    public static InferenceException of(ErrorKind kind, ErrorDetails details, Throwable cause) {
        return switch (kind) {
            case RATE_LIMITED -> new RateLimitedException(details, cause);
            case PROVIDER_UNAVAILABLE -> new ProviderUnavailableException(details, cause);
            case TIMEOUT -> new InferenceTimeoutException(details, cause);
            case CONNECTION_FAILED -> new ConnectionFailedException(details, cause);
            case STREAM_INTERRUPTED -> new StreamInterruptedException(details, cause);
            case MALFORMED_RESPONSE -> new MalformedResponseException(details, cause);
            case AUTHENTICATION -> new AuthenticationException(details, cause);
            case QUOTA_EXCEEDED -> new QuotaExceededException(details, cause);
            case MODEL_NOT_FOUND -> new ModelNotFoundException(details, cause);
            case CONTEXT_LENGTH_EXCEEDED -> new ContextLengthExceededException(details, cause);
            case EMPTY_ANSWER -> new EmptyAnswerException(details, cause);
            case SCHEMA_MISMATCH -> new SchemaMismatchException(details, cause);
            case CONTENT_FILTERED -> new ContentFilteredException(details, cause);
            case INVALID_REQUEST -> new InvalidRequestException(details, cause);
            case BUDGET_EXCEEDED -> new BudgetExceededException(details, cause);
            case CANCELLED -> new CallCancelledException(details, cause);
        };
    }

    private static String describe(ErrorKind kind, ErrorDetails d) {
        StringBuilder text = new StringBuilder(d.provider()).append(": ").append(kind);
        if (d.httpStatus() > 0) {
            text.append(" (HTTP ").append(d.httpStatus()).append(')');
        }
        if (d.errorCode() != null) {
            text.append(" code=").append(d.errorCode());
        } else if (d.errorType() != null) {
            text.append(" type=").append(d.errorType());
        }
        if (d.providerMessage() != null) {
            text.append(": ").append(d.providerMessage());
        }
        if (d.retryAfter() != null) {
            text.append(" [retry after ").append(d.retryAfter().toMillis()).append(" ms]");
        }
        if (d.requestId() != null) {
            text.append(" [request id ").append(d.requestId()).append(']');
        }
        return text.toString();
    }

    public ErrorKind getKind() {
        return kind;
    }

    public ErrorDetails getDetails() {
        return details;
    }

    /** Whether calling the same provider again can help (rate limits, 5xx, timeouts, resets, cut streams). */
    public boolean isRetryable() {
        return kind.isRetryable();
    }

    /** Whether another provider or model can help (all retryable errors, plus auth, quota, model, context length). */
    public boolean isFailoverable() {
        return kind.isFailoverable();
    }

    /**
     * Whether the provider generated nothing for this call: it refused it with an HTTP error, the call never connected,
     * or its caller cancelled it before any of the answer arrived. Budgets and rate limits give such a call's reserved
     * cost and tokens back; a call whose fate is unknown (a timeout, a cut stream) keeps them.
     */
    public boolean isNothingGenerated() {
        return getHttpStatus() >= 400 || kind == ErrorKind.CONNECTION_FAILED || kind == ErrorKind.CANCELLED;
    }

    public String getProvider() {
        return details.provider();
    }

    public int getHttpStatus() {
        return details.httpStatus();
    }

    public String getErrorType() {
        return details.errorType();
    }

    public String getErrorCode() {
        return details.errorCode();
    }

    public String getProviderMessage() {
        return details.providerMessage();
    }

    public String getRequestId() {
        return details.requestId();
    }

    /** The delay the provider asked for ({@code retry-after-ms} or {@code Retry-After}), or null. */
    public Duration getRetryAfter() {
        return details.retryAfter();
    }

    /** The delay in milliseconds, or -1; handy for {@code CamelRedeliveryDelay} in routes. */
    public long getRetryAfterMillis() {
        return details.retryAfter() == null ? -1 : details.retryAfter().toMillis();
    }
}
