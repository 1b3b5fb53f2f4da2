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
package io.github.camelinference.camel.inference.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The admin key ({@code gateway.admin.key}), compared in constant time; never shown. */
public final class AdminKey {

    private final byte[] key;

    /** @param key null or empty: no caller is an admin */
    public AdminKey(String key) {
        this.key = key == null || key.isBlank() ? null : key.trim().getBytes(StandardCharsets.UTF_8);
    }

    public boolean isSet() {
        return key != null;
    }

    /** Whether an {@code Authorization} header carries the admin key as {@code Bearer <key>}. */
    public boolean matches(String authorization) {
        if (key == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return same(authorization.substring(7).trim());
    }

    /**
     * Whether an {@code Authorization} header carries the admin key as a bearer token or as the password of HTTP Basic
     * (any user name): the status page takes both, so that a browser's own login prompt opens it.
     */
    public boolean matchesBearerOrBasic(String authorization) {
        if (key == null || authorization == null) {
            return false;
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return matches(authorization);
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon >= 0 && same(pair.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return false; // not Base64: no key
        }
    }

    // why: constant time, so timing says nothing about how much of a guess was right
    private boolean same(String presented) {
        return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return isSet() ? "AdminKey[set]" : "AdminKey[not set]";
    }
}
