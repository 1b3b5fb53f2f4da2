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
package io.github.camelinference.camel.inference.stream;

/**
 * An event stream broke one of its size limits: a line, an event or the answer grew past what the reader accepts. The
 * message names the limit and the option that sets it; whoever feeds the stream aborts the call.
 */
public final class StreamLimitException extends RuntimeException {

    public StreamLimitException(String message) {
        super(message);
    }
}
