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
