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

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.gateway.tenant.Tenant;
import io.github.camelinference.camel.inference.gateway.tenant.TenantStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET /v1/models}: the public models this tenant may use, in OpenAI's list shape. */
public final class ModelsOut implements Processor {

    private static final long CREATED = 1_767_225_600L;

    private final TenantStore tenants;
    private final ModelRoutes models;
    private final ObjectMapper mapper;

    public ModelsOut(TenantStore tenants, ModelRoutes models, ObjectMapper mapper) {
        this.tenants = tenants;
        this.models = models;
        this.mapper = mapper;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Tenant tenant = ChatCompletionsIn.authenticate(tenants, exchange.getMessage());
        ObjectNode list = mapper.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (String name : models.names(exchange.getContext())) {
            if (tenant.mayUse(name)) {
                data.addObject().put("id", name).put("object", "model").put("created", CREATED)
                        .put("owned_by", "camel-inference-gateway");
            }
        }
        GatewayExchange.answerHeaders(exchange, 200, "application/json", Map.of());
        exchange.getMessage().setBody(mapper.writeValueAsBytes(list));
    }
}
