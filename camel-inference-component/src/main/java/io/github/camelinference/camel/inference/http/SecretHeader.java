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

import java.util.Locale;

import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A request header that carries a secret: sent as is, marked sensitive (HTTP/2 never indexes it), and printed as
 * {@code Name: ****}. HttpClient's HTTP/1.1 header log ({@code org.apache.hc.client5.http.headers} at DEBUG) prints the
 * header objects themselves, so this is what keeps the API key out of it.
 */
final class SecretHeader extends BasicHeader {

    private static final long serialVersionUID = 1L;

    SecretHeader(String name, String value) {
        super(name, value, true);
    }

    /** Whether a header of this name most likely carries a credential ({@code Authorization}, {@code api-key}, …). */
    static boolean isSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("auth") || lower.contains("key") || lower.contains("token") || lower.contains("secret")
                || lower.contains("cookie") || lower.contains("password");
    }

    @Override
    public String toString() {
        return getName() + ": ****";
    }
}
