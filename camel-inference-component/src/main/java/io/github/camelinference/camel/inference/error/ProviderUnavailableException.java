package io.github.camelinference.camel.inference.error;

/** 5xx or 529: the provider is failing or overloaded. */
public class ProviderUnavailableException extends RetryableInferenceException {

    public ProviderUnavailableException(ErrorDetails details, Throwable cause) {
        super(ErrorKind.PROVIDER_UNAVAILABLE, details, cause);
    }
}
