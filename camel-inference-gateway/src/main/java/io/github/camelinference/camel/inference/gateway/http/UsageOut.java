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
package io.github.camelinference.camel.inference.gateway.http;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.gateway.admin.AdminKey;
import io.github.camelinference.camel.inference.gateway.openai.GatewayException;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.gateway.tenant.TenantStore;
import io.github.camelinference.camel.inference.gateway.usage.UsageReport;
import io.github.camelinference.camel.inference.gateway.usage.UsageStore;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * {@code GET /v1/usage}: the caller's own usage with a tenant key, every tenant's with the admin key
 * ({@link UsageReport} has the shape and the query). Asynchronous: a shared store's read never holds a thread.
 */
public final class UsageOut extends AsyncProcessorSupport implements AsyncProcessor {

    private final TenantStore tenants;
    private final UsageStore usage;
    private final AdminKey adminKey;
    private final ObjectMapper mapper;

    public UsageOut(TenantStore tenants, UsageStore usage, AdminKey adminKey, ObjectMapper mapper) {
        this.tenants = tenants;
        this.usage = usage;
        this.adminKey = adminKey;
        this.mapper = mapper;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        UsageReport.Range range;
        String only;
        try {
            Message in = exchange.getMessage();
            String authorization = in.getHeader("Authorization", String.class);
            if (adminKey.matches(authorization)) {
                only = null;
            } else {
                Tenant tenant = ChatCompletionsIn.authenticate(tenants, in);
                only = tenant.name();
            }
            range = UsageReport.range(name -> in.getHeader(name, String.class), Instant.now());
        } catch (IllegalArgumentException e) {
            exchange.setException(GatewayException.badRequest("invalid_usage_query", e.getMessage()));
            callback.done(true);
            return true;
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        usage.rows(range.from(), range.to(), only).whenComplete((rows, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(failure);
                } else {
                    GatewayExchange.answerHeaders(exchange, 200, "application/json", Map.of());
                    exchange.getMessage().setBody(mapper.writeValueAsBytes(UsageReport.page(mapper, range, rows)));
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }
}
