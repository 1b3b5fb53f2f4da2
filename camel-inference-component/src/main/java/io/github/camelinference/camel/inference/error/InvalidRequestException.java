package io.github.camelinference.camel.inference.error;

/** 400/422: the request itself is wrong; no retry or fallback fixes it. */
public class InvalidRequestException extends InferenceException {

    public InvalidRequestException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.INVALID_REQUEST, details, cause);
    }
}
