package io.github.camelinference.camel.inference.error;

/**
 * An error another provider or model can help with: the class to name in {@code failover(...)},
 * {@code onFallback} guards and {@code onException} clauses that send the message elsewhere. Its subclasses that are
 * also worth retrying on the same provider extend {@link RetryableInferenceException}.
 */
public abstract class FailoverableInferenceException extends InferenceException {

    protected FailoverableInferenceException(ErrorKind kind, ErrorDetails details, Throwable cause) {
        super(kind, details, cause);
    }
}
