package io.github.camelinference.camel.inference.error;

/** 401/403: the API key is wrong, revoked or lacks permission. */
public class AuthenticationException extends FailoverableInferenceException {

    public AuthenticationException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.AUTHENTICATION, details, cause);
    }
}
