package io.github.camelinference.camel.inference.error;

/** The provider's answer is not valid chat-completions JSON or SSE. */
public class MalformedResponseException extends RetryableInferenceException {

    public MalformedResponseException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.MALFORMED_RESPONSE, details, cause);
    }
}
