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

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.gateway.tenant.TenantAdmin;
import io.github.camelinference.camel.inference.gateway.usage.UsageReport;
import io.github.camelinference.camel.inference.gateway.usage.UsageStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, on the management port under {@code /admin}, for callers with {@code Authorization: Bearer <admin
 * key>} ({@code gateway.admin.key}); anything else gets a 401 and changes nothing. Plain Vert.x handlers on the
 * management server's router: each answers from memory or when the store's asynchronous write completes, so no thread
 * waits on Redis.
 * <ul>
 * <li>{@code GET /admin/tenants}: every tenant, its settings, today's spend and its keys' ids;</li>
 * <li>{@code PUT /admin/tenants/{tenant}} {@code {"models": [...], "requests_per_minute": 60, "usd_per_day": 2.5}}:
 * creates or replaces a tenant;</li>
 * <li>{@code POST /admin/tenants/{tenant}/keys}: a new key, shown in this answer only;</li>
 * <li>{@code DELETE /admin/keys/{id}}: revokes a key, on every instance sharing the store, before answering;</li>
 * <li>{@code GET /admin/usage}: every tenant's usage ({@link UsageReport}).</li>
 * </ul>
 */
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final String JSON = "application/json";

    private final TenantAdmin tenants;
    private final UsageStore usage;
    private final BudgetGuard budget;
    private final AdminKey adminKey;
    private final ObjectMapper mapper;

    /** @param adminKey when it is not set, every admin call is refused */
    public AdminApi(TenantAdmin tenants, UsageStore usage, BudgetGuard budget, AdminKey adminKey, ObjectMapper mapper) {
        this.tenants = tenants;
        this.usage = usage;
        this.budget = budget;
        this.adminKey = adminKey;
        this.mapper = mapper;
    }

    /** Adds the API's routes to the management server's router. */
    public void install(Router router) {
        router.route("/admin/*").handler(this::authorize);
        router.route("/admin/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route(HttpMethod.GET, "/admin/tenants").handler(this::listTenants);
        router.route(HttpMethod.PUT, "/admin/tenants/:tenant").handler(this::putTenant);
        router.route(HttpMethod.POST, "/admin/tenants/:tenant/keys").handler(this::createKey);
        router.route(HttpMethod.DELETE, "/admin/keys/:id").handler(this::revokeKey);
        router.route(HttpMethod.GET, "/admin/usage").handler(this::usage);
    }

    private void authorize(RoutingContext context) {
        if (adminKey.matches(context.request().getHeader("Authorization"))) {
            context.next();
            return;
        }
        String why = !adminKey.isSet()
                ? "The admin API is off: set gateway.admin.key (or GATEWAY_ADMIN_KEY) to a long random text."
                : "Missing or wrong admin key: send Authorization: Bearer <gateway.admin.key>.";
        error(context, 401, "invalid_admin_key", why);
    }

    private void listTenants(RoutingContext context) {
        ObjectNode answer = mapper.createObjectNode().put("object", "list");
        ArrayNode data = answer.putArray("data");
        Collection<TenantAdmin.KeyInfo> keys = tenants.keys();
        tenants.tenants().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(tenant -> {
            ObjectNode node = tenantJson(tenant);
            ArrayNode ids = node.putArray("keys");
            keys.stream().filter(key -> key.tenant().equals(tenant.name()))
                    .forEach(key -> ids.addObject().put("id", key.id())
                            .put("created_at", key.createdAt().getEpochSecond()));
            data.add(node);
        });
        // spent() may ask a shared spend store: off the event loop
        context.vertx().<String> executeBlocking(() -> {
            for (JsonNode node : data) {
                String name = node.path("name").asText();
                ((ObjectNode) node).put("usd_spent_today", budget.spent(name))
                        .put("usd_limit_today", budget.limitUsd(name));
            }
            return answer.toString();
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                context.response().putHeader("Content-Type", JSON).end(result.result());
            } else {
                failed(context, result.cause());
            }
        });
    }

    private void putTenant(RoutingContext context) {
        String name = context.pathParam("tenant");
        Tenant tenant;
        try {
            tenant = readTenant(name, context.body().asString());
        } catch (IllegalArgumentException e) {
            error(context, 400, "invalid_tenant", e.getMessage());
            return;
        }
        answer(context, 200, tenants.putTenant(tenant).thenApply(saved -> tenantJson(saved).toString()));
    }

    private void createKey(RoutingContext context) {
        answer(context, 201, tenants.createKey(context.pathParam("tenant")).thenApply(created -> {
            LOG.info("admin: key {} created for tenant '{}'", created.id(), created.tenant());
            return mapper.createObjectNode().put("object", "tenant.key").put("id", created.id())
                    .put("tenant", created.tenant()).put("key", created.key())
                    .put("created_at", created.createdAt().getEpochSecond()).toString();
        }));
    }

    private void revokeKey(RoutingContext context) {
        String id = context.pathParam("id");
        tenants.revokeKey(id).whenComplete((revoked, failure) -> {
            if (failure != null) {
                failed(context, failure);
            } else if (!revoked) {
                error(context, 404, "unknown_key", "No key with id '" + id + "': GET /admin/tenants lists them.");
            } else {
                LOG.info("admin: key {} revoked", id);
                context.response().putHeader("Content-Type", JSON).end(mapper.createObjectNode()
                        .put("object", "tenant.key.deleted").put("id", id).put("deleted", true).toString());
            }
        });
    }

    private void usage(RoutingContext context) {
        UsageReport.Range range;
        try {
            range = UsageReport.range(name -> context.request().getParam(name), Instant.now());
        } catch (IllegalArgumentException e) {
            error(context, 400, "invalid_usage_query", e.getMessage());
            return;
        }
        String tenant = context.request().getParam("project_id");
        answer(context, 200, usage.rows(range.from(), range.to(), tenant)
                .thenApply(rows -> UsageReport.page(mapper, range, rows).toString()));
    }

    private Tenant readTenant(String name, String body) {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException(
                    "the tenant name '" + name + "' is not usable: use 1 to 64 letters, digits, '-' or '_'");
        }
        JsonNode node;
        try {
            node = mapper.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "the body is not JSON: send {\"models\": [...], "
                                               + "\"requests_per_minute\": 60, \"usd_per_day\": 2.5}");
        }
        Set<String> models = new LinkedHashSet<>();
        JsonNode list = node.path("models");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("models must be a list of public model names ([] for all)");
        }
        list.forEach(model -> models.add(model.asText()));
        JsonNode perMinute = node.path("requests_per_minute");
        if (!perMinute.isMissingNode() && !perMinute.isNull() && (!perMinute.canConvertToInt() || perMinute.asInt() < 0
                || !perMinute.isIntegralNumber())) {
            throw new IllegalArgumentException("requests_per_minute must be a whole number, 0 or more (0: no limit)");
        }
        JsonNode usd = node.path("usd_per_day");
        Double usdPerDay = null;
        if (!usd.isMissingNode() && !usd.isNull()) {
            if (!usd.isNumber() || !(usd.asDouble() > 0)) {
                throw new IllegalArgumentException(
                        "usd_per_day must be a number above 0 (null or absent: the gateway's amount)");
            }
            usdPerDay = usd.asDouble();
        }
        return new Tenant(name, Set.copyOf(models), perMinute.asInt(0), usdPerDay);
    }

    private ObjectNode tenantJson(Tenant tenant) {
        ObjectNode node = mapper.createObjectNode().put("object", "tenant").put("name", tenant.name());
        ArrayNode models = node.putArray("models");
        tenant.models().stream().sorted().forEach(models::add);
        node.put("requests_per_minute", tenant.requestsPerMinute());
        if (tenant.usdPerDay() == null) {
            node.putNull("usd_per_day");
        } else {
            node.put("usd_per_day", tenant.usdPerDay());
        }
        return node;
    }

    private void answer(RoutingContext context, int status, CompletionStage<String> body) {
        body.whenComplete((json, failure) -> {
            if (failure != null) {
                failed(context, failure);
            } else {
                context.response().setStatusCode(status).putHeader("Content-Type", JSON).end(json);
            }
        });
    }

    private void failed(RoutingContext context, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof TenantAdmin.UnknownTenantException) {
            error(context, 404, "unknown_tenant", cause.getMessage());
        } else {
            LOG.warn("admin call {} {} failed: {}", context.request().method(), context.request().path(),
                    cause.toString());
            error(context, 503, "store_unavailable", "The tenant store did not answer; nothing may have changed: "
                                                     + "retry, and check the gateway's log.");
        }
    }

    private void error(RoutingContext context, int status, String code, String message) {
        ObjectNode body = mapper.createObjectNode();
        body.putObject("error").put("message", message).put("type", status == 401
                ? "authentication_error"
                : "invalid_request_error").put("code", code);
        context.response().setStatusCode(status).putHeader("Content-Type", JSON).end(body.toString());
    }
}
