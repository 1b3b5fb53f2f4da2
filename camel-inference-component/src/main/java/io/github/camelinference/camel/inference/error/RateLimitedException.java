package io.github.camelinference.camel.inference.error;

/**
 * 429 rate limit; {@link #getRetryAfter()} says how long the provider asked to wait. When {@link #isClientSide()} is
 * true the provider was never called: this service's own limiter refused the call ({@link AccountRateLimitedException}).
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
