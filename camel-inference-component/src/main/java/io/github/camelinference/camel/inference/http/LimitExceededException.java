package io.github.camelinference.camel.inference.http;

import java.io.IOException;

/**
 * A response broke one of the call's limits (body bytes, line length, answer characters). Thrown into HttpClient from
 * a response consumer, which makes it drop the connection rather than read on; the message names the limit and the
 * option that sets it.
 */
final class LimitExceededException extends IOException {

    LimitExceededException(String message) {
        super(message);
    }

    static LimitExceededException bodyTooLarge(long bytes, int limit) {
        return new LimitExceededException("the response body is larger than maxResponseBytes (" + limit + " bytes"
                                          + (bytes > limit ? ", it announced " + bytes : "")
                                          + "): the call was aborted; raise maxResponseBytes if answers this large are"
                                          + " expected");
    }
}
