package io.github.camelinference.camel.inference.error;

/** The prompt does not fit the model's context window. */
public class ContextLengthExceededException extends FailoverableInferenceException {

    public ContextLengthExceededException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.CONTEXT_LENGTH_EXCEEDED, details, cause);
    }
}
