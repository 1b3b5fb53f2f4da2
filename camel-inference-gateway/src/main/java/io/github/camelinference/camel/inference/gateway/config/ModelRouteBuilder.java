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
package io.github.camelinference.camel.inference.gateway.config;

import java.util.Collection;
import java.util.stream.Collectors;

import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.LoadBalanceDefinition;

/**
 * The short-form models ({@link ModelConfig}) as routes, the same as the YAML template {@code gateway-failover-model}
 * builds: a route {@code model-<name>} with the failover step over the targets in order, one for JSON answers and one
 * for streams (each with its own breakers; a stream cut mid-way is continued on the next target), breakers and timeouts
 * from the {@code gateway.*} settings.
 */
public final class ModelRouteBuilder extends RouteBuilder {

    private static final String JSON_OPTIONS = "&budgetGuard=#budget&requestTimeout={{gateway.requestTimeout}}";
    private static final String STREAM_OPTIONS = JSON_OPTIONS + "&stream=true&includeStreamUsage=true"
                                                 + "&firstTokenTimeout={{gateway.firstTokenTimeout}}"
                                                 + "&streamIdleTimeout={{gateway.streamIdleTimeout}}";

    private final Collection<ModelConfig> models;

    public ModelRouteBuilder(Collection<ModelConfig> models) {
        this.models = models;
    }

    @Override
    public void configure() {
        for (ModelConfig model : models) {
            LoadBalanceDefinition stream = from("direct:model-" + model.name()).routeId("model-" + model.name())
                    // the body is a ChatRequest, never a stream to cache
                    .streamCache(false)
                    // failures go back to the chat-completions route, whose onException answers in OpenAI's shape
                    .errorHandler(noErrorHandler())
                    .choice()
                    .when(simple("${exchangeProperty.gatewayStream}"))
                    .loadBalance(failover(model.name() + "-stream", model));
            model.targets().forEach(target -> stream.to(target.endpointUri() + STREAM_OPTIONS));
            LoadBalanceDefinition json = stream.endChoice().otherwise().loadBalance(failover(model.name(), model));
            model.targets().forEach(target -> json.to(target.endpointUri() + JSON_OPTIONS));
            json.end().end();
        }
    }

    /**
     * One failover step; its id names its readiness check and its breakers' metrics. Its targets are named as the
     * setting names them ({@code local:qwen3-8b}), so headers, logs and the status page tell apart two providers of one
     * type serving one model.
     */
    private InferenceFailover failover(String id, ModelConfig model) {
        InferenceFailover failover = new InferenceFailover()
                .names(model.targets().stream().map(t -> t.provider().name() + ":" + t.model())
                        .collect(Collectors.joining(",")))
                .retryDelay(longSetting("retryDelay"))
                .failureRateThreshold(longSetting("breaker.failureRateThreshold"))
                .minimumNumberOfCalls((int) longSetting("breaker.minimumNumberOfCalls"))
                .slidingWindowSize((int) longSetting("breaker.slidingWindowSize"))
                .waitDurationInOpenState(longSetting("breaker.waitDurationInOpenState"))
                .permittedCallsInHalfOpenState((int) longSetting("breaker.permittedCallsInHalfOpenState"))
                .slowCallDurationThreshold(longSetting("breaker.slowCallDurationThreshold"))
                .slowCallRateThreshold(longSetting("breaker.slowCallRateThreshold"));
        failover.setId(id);
        return failover;
    }

    private long longSetting(String name) {
        String value = getCamelContext().resolvePropertyPlaceholders("{{gateway." + name + "}}").trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("gateway." + name + " is not a whole number: '" + value + "'", e);
        }
    }
}
