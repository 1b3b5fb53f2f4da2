/*
 * Copyright 2026 the camel-inference authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.camelinference.camel.inference.http;

import java.io.IOException;

/**
 * A response broke one of the call's limits (body bytes, line length, answer characters). Thrown into HttpClient from a
 * response consumer, which makes it drop the connection rather than read on; the message names the limit and the option
 * that sets it.
 */
final class LimitExceededException extends IOException {

    LimitExceededException(String message) {
        super(message);
    }

    static LimitExceededException bodyTooLarge(long bytes, int limit) {
        return new LimitExceededException(
                "the response body is larger than maxResponseBytes (" + limit + " bytes"
                                          + (bytes > limit ? ", it announced " + bytes : "")
                                          + "): the call was aborted; raise maxResponseBytes if answers this large are"
                                          + " expected");
    }
}
