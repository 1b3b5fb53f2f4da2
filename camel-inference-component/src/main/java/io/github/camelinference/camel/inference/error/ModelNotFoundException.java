package io.github.camelinference.camel.inference.error;

/** The model does not exist, was retired, or no backend serves it. */
public class ModelNotFoundException extends FailoverableInferenceException {

    public ModelNotFoundException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.MODEL_NOT_FOUND, details, cause);
    }
}
