package io.github.camelinference.camel.inference.error;

/** The provider's content filter refused the prompt or the answer. */
public class ContentFilteredException extends InferenceException {

    public ContentFilteredException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.CONTENT_FILTERED, details, cause);
    }
}
