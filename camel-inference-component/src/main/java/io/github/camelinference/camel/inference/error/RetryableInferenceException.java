package io.github.camelinference.camel.inference.error;

/**
 * An error that calling the same provider again can cure (rate limit, 5xx, timeout, reset, cut stream): the class to
 * name in {@code onException(...).maximumRedeliveries(n)}. Every retryable error is also failoverable.
 */
public abstract class RetryableInferenceException extends FailoverableInferenceException {

    protected RetryableInferenceException(ErrorKind kind, ErrorDetails details, Throwable cause) {
        super(kind, details, cause);
    }
}
