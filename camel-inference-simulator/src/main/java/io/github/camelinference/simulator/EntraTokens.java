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
package io.github.camelinference.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Microsoft Entra ID token endpoint, enough for the client-credentials flow of MSAL (and so azure-identity's
 * {@code ClientSecretCredential}): {@code POST /{tenant}/oauth2/v2.0/token}, the tenant's OpenID configuration, and
 * instance discovery. Issues opaque tokens of a scriptable lifetime, and says which are valid now.
 */
final class EntraTokens {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("/([^/?]+)/oauth2/v2\\.0/token");
    private static final Pattern OPENID = Pattern.compile("/([^/?]+)/v2\\.0/\\.well-known/openid-configuration");
    private static final Pattern INSTANCE_DISCOVERY = Pattern.compile("/common/discovery/instance(\\?.*)?");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Issued tokens and when each expires ({@link System#nanoTime()}). */
    private final Map<String, Long> issued = new ConcurrentHashMap<>();
    private final List<String> issuedInOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private volatile Duration lifetime = Duration.ofHours(1);

    /** Whether the path is one of the token service's; such requests are counted, not recorded. */
    static boolean handles(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        return TOKEN.matcher(bare).matches() || OPENID.matcher(bare).matches()
                || INSTANCE_DISCOVERY.matcher(path).matches();
    }

    /**
     * The answer to a token-service request.
     *
     * @param authority the scheme, host and port the client reached, for the URLs in the metadata
     */
    Reply answer(String method, String path, String body, String authority) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Matcher token = TOKEN.matcher(bare);
        if (token.matches() && "POST".equals(method)) {
            return token(form(body));
        }
        Matcher openid = OPENID.matcher(bare);
        if (openid.matches()) {
            String tenant = openid.group(1);
            ObjectNode config = MAPPER.createObjectNode()
                    .put("issuer", authority + "/" + tenant + "/v2.0")
                    .put("token_endpoint", authority + "/" + tenant + "/oauth2/v2.0/token")
                    .put("authorization_endpoint", authority + "/" + tenant + "/oauth2/v2.0/authorize")
                    .put("device_authorization_endpoint", authority + "/" + tenant + "/oauth2/v2.0/devicecode")
                    .put("jwks_uri", authority + "/" + tenant + "/discovery/v2.0/keys");
            config.putArray("token_endpoint_auth_methods_supported").add("client_secret_post")
                    .add("private_key_jwt").add("client_secret_basic");
            return Reply.json(200, config.toString());
        }
        if (INSTANCE_DISCOVERY.matcher(path).matches()) {
            String host = authority.substring(authority.indexOf("://") + 3);
            ObjectNode discovery = MAPPER.createObjectNode()
                    .put("tenant_discovery_endpoint", authority + "/common/v2.0/.well-known/openid-configuration")
                    .put("api-version", "1.1");
            discovery.putArray("metadata").addObject().put("preferred_network", host).put("preferred_cache", host)
                    .putArray("aliases").add(host);
            return Reply.json(200, discovery.toString());
        }
        return error(400, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
    }

    private Reply token(Map<String, String> form) {
        requests.incrementAndGet();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant type '"
                                                        + form.get("grant_type") + "'.");
        }
        String clientId = form.get("client_id");
        String expected = clientId == null ? null : clients.get(clientId);
        if (!clients.isEmpty() && (expected == null || !expected.equals(form.get("client_secret")))) {
            return error(401, "invalid_client", expected == null
                    ? "AADSTS700016: Application with identifier '" + clientId + "' was not found in the directory."
                    : "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is"
                      + " the client secret value, not the client secret ID.");
        }
        String scope = form.getOrDefault("scope", "");
        if (!scope.endsWith("/.default")) {
            return error(400, "invalid_scope", "AADSTS1002012: The provided value for scope '" + scope
                                               + "' is not valid. Client credential flows must have a scope value"
                                               + " with /.default suffixed to the resource identifier.");
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String accessToken = "simentra." + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Duration life = lifetime;
        issued.put(accessToken, System.nanoTime() + life.toNanos());
        issuedInOrder.add(accessToken);
        long seconds = Math.max(1, life.toSeconds());
        return Reply.json(200, MAPPER.createObjectNode().put("token_type", "Bearer").put("expires_in", seconds)
                .put("ext_expires_in", seconds).put("access_token", accessToken).toString());
    }

    /** Whether the token was issued here, has not expired, and was not revoked. */
    boolean valid(String accessToken) {
        Long expires = issued.get(accessToken);
        return expires != null && System.nanoTime() - expires < 0;
    }

    void lifetime(Duration lifetime) {
        this.lifetime = lifetime;
    }

    void client(String clientId, String secret) {
        clients.put(clientId, secret);
    }

    /** Every token issued so far stops being valid (a token the resource no longer accepts). */
    void revokeAll() {
        issued.replaceAll((token, expires) -> System.nanoTime() - 1);
    }

    int tokensIssued() {
        return issuedInOrder.size();
    }

    int tokenRequests() {
        return requests.get();
    }

    List<String> issuedTokens() {
        synchronized (issuedInOrder) {
            return List.copyOf(issuedInOrder);
        }
    }

    void reset() {
        issued.clear();
        issuedInOrder.clear();
        requests.set(0);
        clients.clear();
        lifetime = Duration.ofHours(1);
    }

    private static Reply error(int status, String error, String description) {
        return Reply.json(status, MAPPER.createObjectNode().put("error", error).put("error_description", description)
                .put("trace_id", "00000000-0000-0000-0000-000000000000")
                .put("correlation_id", "00000000-0000-0000-0000-000000000000").toString());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
