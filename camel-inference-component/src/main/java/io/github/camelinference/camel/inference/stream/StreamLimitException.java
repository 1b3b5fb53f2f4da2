package io.github.camelinference.camel.inference.stream;

/**
 * An event stream broke one of its size limits: a line, an event or the answer grew past what the reader accepts.
 * The message names the limit and the option that sets it; whoever feeds the stream aborts the call.
 */
public final class StreamLimitException extends RuntimeException {

    public StreamLimitException(String message) {
        super(message);
    }
}
