package io.github.camelinference.camel.inference.http;

import java.io.IOException;

/**
 * Code on an HTTP client I/O thread failed (an {@code OutOfMemoryError}, a {@code StackOverflowError}, a bug). Thrown
 * into HttpClient in its place, so that HttpClient ends that one exchange and drops its connection, where the
 * {@code Error} itself would have ended the I/O thread that every call shares.
 */
final class ContainedFailure extends IOException {

    /** For when even this exception cannot be made (a heap with no room left): the exchange must still end. */
    static final ContainedFailure PREALLOCATED = new ContainedFailure();

    ContainedFailure(Throwable cause) {
        super(describe(cause), cause);
    }

    private ContainedFailure() {
        super("the call failed on an I/O thread of the HTTP client: only this call was aborted, the I/O threads go on");
    }

    static String describe(Throwable cause) {
        return "the call failed on an I/O thread of the HTTP client (" + cause + "): only this call was aborted, the"
               + " I/O threads go on";
    }
}
