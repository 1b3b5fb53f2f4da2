package io.github.camelinference.camel.inference.http;

import java.util.Locale;

import org.apache.hc.core5.http.message.BasicHeader;

/**
 * A request header that carries a secret: sent as is, marked sensitive (HTTP/2 never indexes it), and printed as
 * {@code Name: ****}. HttpClient's HTTP/1.1 header log ({@code org.apache.hc.client5.http.headers} at DEBUG) prints
 * the header objects themselves, so this is what keeps the API key out of it.
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
