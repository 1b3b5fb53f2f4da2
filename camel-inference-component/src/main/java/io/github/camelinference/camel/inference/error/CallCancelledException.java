package io.github.camelinference.camel.inference.error;

/**
 * The caller cancelled the call before it ended, through {@code CamelInferenceCancel} (a gateway whose client hung up,
 * a failover step dropping a hedge's loser). Nothing went wrong with the provider: an error handler or an outer
 * failover step must neither retry it nor send it elsewhere, and no breaker or health check counts it.
 */
public class CallCancelledException extends InferenceException {

    public CallCancelledException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.CANCELLED, details, cause);
    }
}
