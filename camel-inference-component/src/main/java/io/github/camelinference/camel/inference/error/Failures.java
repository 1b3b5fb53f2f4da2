package io.github.camelinference.camel.inference.error;

import java.util.concurrent.CompletionException;

/** What a {@code CompletableFuture} stage failed with, for code that acts on the failure itself. */
public final class Failures {

    private Failures() {
    }

    /** The failure itself, out of the CompletionException wrappers a future's stages put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
