package io.github.camelinference.camel.inference.error;

/** 429 rate limit; {@link #getRetryAfter()} says how long the provider asked to wait. */
public class RateLimitedException extends RetryableInferenceException {

    public RateLimitedException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.RATE_LIMITED, details, cause);
    }
}
