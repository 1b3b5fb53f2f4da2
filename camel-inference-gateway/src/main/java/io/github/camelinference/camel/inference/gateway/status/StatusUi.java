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
package io.github.camelinference.camel.inference.gateway.status;

import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.gateway.admin.AdminKey;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Serves the status page on the management server's router: {@code GET /ui} (HTML) and {@code GET /ui/status.json} (the
 * same {@link GatewayStatus} as JSON, for scripts). With an admin key ({@code gateway.admin.key}) both ask for it, as
 * {@code Authorization: Bearer <key>} or as HTTP Basic with the key as the password (any user name), which a browser
 * prompts for and then sends with the page's refreshes; without one they are open to whoever reaches the management
 * port (bound to 127.0.0.1 as shipped). Status is read on a worker (a budget store may be remote), never on the event
 * loop.
 */
public final class StatusUi {

    public static final String PATH = "/ui";

    private static final String REALM = "Basic realm=\"camel-inference gateway\", charset=\"UTF-8\"";

    private final Supplier<GatewayStatus> status;
    private final AdminKey adminKey;
    private final ObjectMapper json = new ObjectMapper();

    /** @param adminKey the key that guards the page; one not set leaves it open */
    public StatusUi(Supplier<GatewayStatus> status, AdminKey adminKey) {
        this.status = status;
        this.adminKey = adminKey;
    }

    public void register(Router router) {
        router.route(HttpMethod.GET, PATH + "/status.json").blockingHandler(this::statusJson, false);
        router.route(HttpMethod.GET, PATH).blockingHandler(this::page, false);
    }

    private void page(RoutingContext context) {
        if (allowed(context)) {
            send(context, "text/html; charset=utf-8", StatusPage.render(status.get()));
        }
    }

    private void statusJson(RoutingContext context) {
        if (allowed(context)) {
            try {
                send(context, "application/json", json.writeValueAsString(status.get()));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        }
    }

    private static void send(RoutingContext context, String contentType, String body) {
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy",
                        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
                .end(body);
    }

    /** Whether the request carries the admin key (or none is needed); answers 401 when it does not. */
    private boolean allowed(RoutingContext context) {
        if (!adminKey.isSet() || adminKey.matchesBearerOrBasic(context.request().getHeader(HttpHeaders.AUTHORIZATION))) {
            return true;
        }
        context.response().setStatusCode(401).putHeader("WWW-Authenticate", REALM)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("401: the status page needs the admin key (gateway.admin.key), as 'Authorization: Bearer <key>'"
                     + " or as the password of HTTP Basic (any user name)\n");
        return false;
    }
}
