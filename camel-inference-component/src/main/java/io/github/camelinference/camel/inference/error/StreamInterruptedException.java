package io.github.camelinference.camel.inference.error;

/** A stream was cut, stalled or carried an error event after HTTP 200. */
public class StreamInterruptedException extends RetryableInferenceException {

    public StreamInterruptedException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.STREAM_INTERRUPTED, details, cause);
    }
}
