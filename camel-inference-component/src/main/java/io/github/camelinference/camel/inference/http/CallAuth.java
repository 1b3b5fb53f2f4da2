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

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * How a call proves who sends it: one request header, at hand at once (an API key) or fetched in the background (a
 * Microsoft Entra ID token). Implementations never block the thread that asks, and never fetch on it: the client asks
 * on route threads and, after a 401, on HttpClient's I/O threads.
 */
public interface CallAuth {

    /** A header that carries a credential; it prints as {@code Name: ****}, never with its value. */
    record Credential(String header, String value) {
        @Override
        public String toString() {
            return header + ": ****";
        }
    }

    /** No credential: the call carries no auth header (a local server that needs none). */
    CallAuth NONE = new CallAuth() {
        private final CompletableFuture<Credential> none = CompletableFuture.completedFuture(null);

        @Override
        public CompletableFuture<Credential> credential() {
            return none;
        }

        @Override
        public String toString() {
            return "CallAuth[none]";
        }
    };

    /**
     * The credential for the next request: already complete when it is at hand, else completing when it arrives. It
     * completes with null when the call carries none, and fails with an {@code InferenceException} of kind
     * AUTHENTICATION when no credential can be had.
     */
    CompletableFuture<Credential> credential();

    /**
     * After a 401 answered a request that carried {@code rejected}: a fresh credential for one resend, or null when
     * asking again cannot help (a static key). Called on an I/O thread: starts the fetch elsewhere and returns.
     */
    default CompletableFuture<Credential> renewAfterRejection(Credential rejected) {
        return null;
    }

    /**
     * Whether a token is held, for health checks: never the token itself.
     *
     * @param held        whether a token that has not expired is held
     * @param expiresAt   when the token held (or the last one) expires, or null when none was ever held
     * @param lastFailure why the last fetch failed, or null when it did not
     */
    record TokenStatus(boolean held, Instant expiresAt, String lastFailure) {
    }

    /** Releases what this auth holds (a token's refresh timer); calls waiting for a credential then fail. */
    default void stop() {
    }

    /** The state of the token this auth holds, or null when it holds a static key or nothing. */
    default TokenStatus tokenStatus() {
        return null;
    }

    /** The text with every secret this auth holds replaced by {@code ****} (a provider may echo one in an error). */
    default String redact(String text) {
        return text;
    }

    /** A key sent as is on every call, in the given header after the prefix ({@code Authorization: Bearer <key>}). */
    static CallAuth key(String header, String prefix, String key) {
        return new StaticKey(new Credential(header, prefix + key), key);
    }

    /** The OpenAI shape: {@code Authorization: Bearer <key>}, or nothing without a key. */
    static CallAuth bearer(String key) {
        return key == null ? NONE : key("Authorization", "Bearer ", key);
    }

    /** A key that never changes: a 401 is final. */
    final class StaticKey implements CallAuth {

        private final CompletableFuture<Credential> credential;
        private final String key;

        private StaticKey(Credential credential, String key) {
            this.credential = CompletableFuture.completedFuture(credential);
            this.key = key;
        }

        @Override
        public CompletableFuture<Credential> credential() {
            return credential;
        }

        @Override
        public String redact(String text) {
            return text == null || key.length() < 4 ? text : text.replace(key, "****");
        }

        @Override
        public String toString() {
            return "CallAuth[" + credential.join() + "]";
        }
    }
}
