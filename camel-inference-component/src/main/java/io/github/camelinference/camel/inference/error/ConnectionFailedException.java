package io.github.camelinference.camel.inference.error;

/** The connection was refused, reset or closed before a response arrived. */
public class ConnectionFailedException extends RetryableInferenceException {

    public ConnectionFailedException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.CONNECTION_FAILED, details, cause);
    }
}
