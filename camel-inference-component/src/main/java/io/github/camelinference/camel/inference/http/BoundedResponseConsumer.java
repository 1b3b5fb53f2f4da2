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

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a whole response body into memory, as HttpClient's {@code SimpleResponseConsumer} does, but no more than
 * {@code maxBytes}: past that (or when {@code Content-Length} announces more) it fails the call, and HttpClient closes
 * the connection instead of reading the rest. Whatever else it throws on the I/O thread, an {@code Error} included,
 * reaches HttpClient as a {@link ContainedFailure}, which ends this exchange only.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<SimpleHttpResponse> {

    private final int maxBytes;
    private ByteArrayOutputStream body;
    private SimpleHttpResponse response;
    private ContentType contentType;
    private volatile ContainedFailure failure;

    BoundedResponseConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse head, ContentType type) throws IOException {
        try {
            begin(head, type);
        } catch (LimitExceededException e) {
            throw e;
        } catch (Throwable e) {
            throw new ContainedFailure(e);
        }
    }

    private void begin(HttpResponse head, ContentType type) throws LimitExceededException {
        Header length = head.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long announced = parseLength(length.getValue());
            if (announced > maxBytes) {
                throw LimitExceededException.bodyTooLarge(announced, maxBytes);
            }
        }
        response = SimpleHttpResponse.copy(head);
        contentType = type;
        body = new ByteArrayOutputStream(1024);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected int capacityIncrement() {
        return 64 * 1024;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        try {
            append(src);
        } catch (LimitExceededException e) {
            throw e;
        } catch (Throwable e) {
            body = null; // let go of what was read
            throw new ContainedFailure(e);
        }
    }

    private void append(ByteBuffer src) throws LimitExceededException {
        if (body.size() + src.remaining() > maxBytes) {
            throw LimitExceededException.bodyTooLarge(-1, maxBytes);
        }
        if (src.hasArray()) {
            body.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            body.write(chunk, 0, chunk.length);
        }
    }

    @Override
    protected SimpleHttpResponse buildResult() {
        try {
            if (body != null && body.size() > 0) {
                response.setBody(body.toByteArray(), contentType);
            }
            return response;
        } catch (Throwable e) {
            // why not thrown: this runs inside HttpClient's own completion, where an Error would end the I/O thread
            body = null;
            failure = new ContainedFailure(e);
            return null;
        }
    }

    /** Why {@link #buildResult()} gave no response (null when it gave one). */
    ContainedFailure failure() {
        return failure;
    }

    @Override
    public void releaseResources() {
        body = null;
    }
}
