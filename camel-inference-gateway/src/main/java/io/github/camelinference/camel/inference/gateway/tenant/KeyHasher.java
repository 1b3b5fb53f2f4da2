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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How the gateway keeps its keys: an HMAC-SHA256 of the key, keyed with the store's salt ({@code gateway.keys.salt}, or
 * the one the Redis store keeps), written {@code hmac-sha256:<base64url>}.
 * <p>
 * Why not a salt per key, or a slow KDF: the keys the gateway makes are 256 random bits, so no dictionary and no amount
 * of hashing speed makes guessing one feasible; what a hash must stop is a leaked store being usable as keys, and that
 * any one-way function does. One salt per store keeps the lookup a single map read (a salt per key would need a key id
 * inside every key, or a hash per stored key on every request), lets two entries of one key be found at start, and,
 * kept secret like a pepper, makes a leaked table of hashes useless even against weak hand-written keys. A slow KDF
 * would cost milliseconds on every request for no gain.
 */
public final class KeyHasher {

    /** The prefix of a stored hash. */
    public static final String SCHEME = "hmac-sha256:";
    /** The prefix of a key the gateway made. */
    public static final String KEY_PREFIX = "sk-";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec salt;
    private final boolean random;
    /** A Mac is not thread-safe and costly to look up: one per thread that authenticates. */
    private final ThreadLocal<Mac> macs;

    public KeyHasher(String salt) {
        this(salt, false);
    }

    private KeyHasher(String salt, boolean random) {
        this.random = random;
        if (salt == null || salt.isBlank()) {
            throw new IllegalArgumentException("the key salt is empty: set gateway.keys.salt to a long random text");
        }
        this.salt = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
        newMac(); // fails now, not on the first request, if the JDK lacks HmacSHA256
    }

    /** A hasher with a random salt, for keys that are all given in clear text (hashed when read). */
    public static KeyHasher randomSalt() {
        return new KeyHasher(randomText(32), true);
    }

    /** Whether the salt is this process's own: no hash made elsewhere can match then. */
    public boolean isRandom() {
        return random;
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(salt);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute HmacSHA256", e);
        }
    }

    /** The stored form of a key. */
    public String hash(String key) {
        return SCHEME + BASE64URL.encodeToString(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** Whether a configured value is a stored hash rather than a key. */
    public static boolean isHash(String value) {
        return value.startsWith(SCHEME);
    }

    /** A new key ({@code sk-} and 256 random bits), to be shown once. */
    public static String newKey() {
        return KEY_PREFIX + randomText(32);
    }

    /** A key's id, safe to show, log and revoke by ({@code key_} and 64 random bits). */
    public static String newKeyId() {
        return "key_" + randomText(8);
    }

    static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return BASE64URL.encodeToString(random);
    }

    /**
     * Prints the stored form of a key read from standard input, for {@code gateway.tenant.<t>.keyHash}:
     * {@code java -cp camel-inference-gateway.jar ...KeyHasher <salt>}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KeyHasher <the gateway.keys.salt value>   (the key is read from standard input)");
            System.exit(2);
        }
        String key = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).trim();
        System.out.println(new KeyHasher(args[0]).hash(key));
    }
}
