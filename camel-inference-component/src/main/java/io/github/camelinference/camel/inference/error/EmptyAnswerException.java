package io.github.camelinference.camel.inference.error;

/** HTTP 200 with no content: reasoning used the whole token budget ({@code finish_reason: length}). Raise maxTokens or lower reasoningEffort. */
public class EmptyAnswerException extends FailoverableInferenceException {

    public EmptyAnswerException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.EMPTY_ANSWER, details, cause);
    }
}
