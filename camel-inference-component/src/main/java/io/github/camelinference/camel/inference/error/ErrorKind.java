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

/**
 * What went wrong with a call, and the two questions a route asks about it: can retrying the same provider help, and
 * can another provider or model help.
 */
public enum ErrorKind {
    /** 429 rate limit: wait for {@code Retry-After}, or go elsewhere now. */
    RATE_LIMITED(true, true),
    /** 5xx, 529 overloaded: transient on the provider's side. */
    PROVIDER_UNAVAILABLE(true, true),
    /** Connect, request, first-token or idle timeout. */
    TIMEOUT(true, true),
    /** Connection refused or reset before a response arrived. */
    CONNECTION_FAILED(true, true),
    /** A stream broke, stalled or carried an error event after HTTP 200. */
    STREAM_INTERRUPTED(true, true),
    /** The provider answered with something that is not the wire format (malformed JSON, wrong content type). */
    MALFORMED_RESPONSE(true, true),
    /** 401/403: the key is wrong or lacks permission; retrying never helps, another provider may. */
    AUTHENTICATION(false, true),
    /** 402, 429 {@code insufficient_quota}: credits or quota are spent. */
    QUOTA_EXCEEDED(false, true),
    /** 404 {@code model_not_found}, a retired model, or no backend serving the model. */
    MODEL_NOT_FOUND(false, true),
    /** The prompt does not fit the model's context window; a model with a larger one helps. */
    CONTEXT_LENGTH_EXCEEDED(false, true),
    /** HTTP 200 with no content because reasoning used the whole token budget ({@code finish_reason: length}). */
    EMPTY_ANSWER(false, true),
    /** The answer does not match the JSON schema the request asked for; another model may follow it. */
    SCHEMA_MISMATCH(false, true),
    /** The provider's content filter refused the prompt or the answer. */
    CONTENT_FILTERED(false, false),
    /** 400/422 and other client errors: the request itself is wrong; no retry or fallback fixes it. */
    INVALID_REQUEST(false, false),
    /** The budget guard refused the call: the key's spend for the window reached its limit. */
    BUDGET_EXCEEDED(false, false),
    /**
     * The caller cancelled the call ({@code CamelInferenceCancel}: a client that hung up, a hedge's loser): no provider
     * failed, and there is no one left to retry or fail over for. Never recorded against a breaker.
     */
    CANCELLED(false, false);

    private final boolean retryable;
    private final boolean failoverable;

    ErrorKind(boolean retryable, boolean failoverable) {
        this.retryable = retryable;
        this.failoverable = failoverable;
    }

    /** Whether calling the same provider again (after {@code Retry-After} where given) can succeed. */
    public boolean isRetryable() {
        return retryable;
    }

    /** Whether another provider or model can succeed where this one failed. */
    public boolean isFailoverable() {
        return failoverable;
    }
}
