package io.github.camelinference.camel.inference.error;

/**
 * The answer is not JSON, or not JSON that matches the {@code jsonSchema} the request asked for. Not retried as is
 * (set {@code schemaRetries} to re-ask once with the validation errors); another model may do better.
 */
public class SchemaMismatchException extends FailoverableInferenceException {

    public SchemaMismatchException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.SCHEMA_MISMATCH, details, cause);
    }
}
