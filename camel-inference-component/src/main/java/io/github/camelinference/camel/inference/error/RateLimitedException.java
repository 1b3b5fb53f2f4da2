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
 * 429 rate limit; {@link #getRetryAfter()} says how long the provider asked to wait. When {@link #isClientSide()} is
 * true the provider was never called: this service's own limiter refused the call
 * ({@link AccountRateLimitedException}).
 */
public class RateLimitedException extends RetryableInferenceException {

    public RateLimitedException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.RATE_LIMITED, details, cause);
    }

    /**
     * Whether the limit is this service's own (the endpoint's requestsPerMinute or tokensPerMinute, shared through the
     * rate limit store) rather than the provider's 429; {@code ${exception.clientSide}} in the Simple language.
     */
    public boolean isClientSide() {
        return false;
    }
}
