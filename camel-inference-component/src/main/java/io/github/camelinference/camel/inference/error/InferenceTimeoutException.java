package io.github.camelinference.camel.inference.error;

/** The connect, request, first-token or stream idle timeout expired. */
public class InferenceTimeoutException extends RetryableInferenceException {

    public InferenceTimeoutException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.TIMEOUT, details, cause);
    }
}
