package io.github.camelinference.camel.inference.error;

/** 402 or 429 {@code insufficient_quota}: credits or quota are spent. */
public class QuotaExceededException extends FailoverableInferenceException {

    public QuotaExceededException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.QUOTA_EXCEEDED, details, cause);
    }
}
