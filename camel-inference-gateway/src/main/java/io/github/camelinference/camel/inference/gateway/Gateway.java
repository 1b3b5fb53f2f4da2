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
package io.github.camelinference.camel.inference.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.gateway.http.ChatCompletionsIn;
import io.github.camelinference.camel.inference.gateway.http.ChatCompletionsOut;
import io.github.camelinference.camel.inference.gateway.http.ErrorOut;
import io.github.camelinference.camel.inference.gateway.http.ModelRoutes;
import io.github.camelinference.camel.inference.gateway.http.ModelsOut;
import io.github.camelinference.camel.inference.gateway.http.UsageOut;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiRequestReader;
import io.github.camelinference.camel.inference.gateway.tenant.KeyedTenantStore;
import io.github.camelinference.camel.inference.gateway.tenant.RequestRateLimiter;
import io.github.camelinference.camel.inference.gateway.tracing.GatewayTelemetry;
import io.github.camelinference.camel.inference.gateway.tracing.GatewayTracing;
import io.github.camelinference.camel.inference.gateway.vertx.AsyncPlatformHttpEngine;
import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.redis.RedisRateLimitStore;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.VertxOptions;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Camel Main with the gateway's YAML routes ({@code src/main/resources/routes/}) and the few Java steps they call by
 * name: {@code gatewayIn}, {@code gatewayOut}, {@code gatewayError}, {@code gatewayModels}, and the tenants' budget
 * {@code budget}. Configuration comes from {@code application.properties}, then the given properties.
 */
public final class Gateway {

    private Gateway() {
    }

    /**
     * A Camel Main ready to {@code run()} (blocking) or {@code start()}, with the OpenTelemetry SDK the {@code OTEL_*}
     * environment variables ask for (none without them).
     */
    public static Main create(Map<String, String> overrides) {
        return create(overrides, GatewayTelemetry.fromEnvironment(System::getenv, builder -> {
        }));
    }

    /**
     * A Camel Main whose request spans, failover attempts and provider calls go to this SDK (null: nothing is
     * recorded); it is closed with Main.
     */
    public static Main create(Map<String, String> overrides, OpenTelemetrySdk openTelemetry) {
        Properties config = new Properties();
        try (InputStream in = Gateway.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                config.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        config.putAll(overrides);

        Main main = new Main();
        ObjectMapper mapper = new ObjectMapper();
        GatewayStores stores = GatewayStores.create(config, name -> null, main);
        KeyedTenantStore tenants = stores.tenants;
        ModelRoutes models = new ModelRoutes();
        boolean forwardUnknown = !"reject".equals(config.getProperty("gateway.unknownFields", "forward"));
        double budgetUsd = Double.parseDouble(config.getProperty("gateway.budget.usdPerDay", "5"));

        overrides.forEach(main::addOverrideProperty);
        main.bind("gatewayIn", new ChatCompletionsIn(
                tenants, new OpenAiRequestReader(mapper, forwardUnknown), models,
                new RequestRateLimiter(rateLimitStore(config, main)), mapper));
        main.bind("gatewayOut", new ChatCompletionsOut(mapper));
        BudgetGuard budget = new BudgetGuard(budgetUsd, BudgetGuard.Window.DAY);
        // the budget key is the tenant's name: a tenant with an amount of its own gets it as that key's limit
        stores.attach(budget);
        main.bind("gatewayUsage", new UsageOut(tenants, stores.usage, stores.adminKey, mapper));
        stores.installAdmin(main, budget, mapper);
        main.bind("gatewayError", new ErrorOut(mapper, budget));
        main.bind("gatewayModels", new ModelsOut(tenants, models, mapper));
        main.bind("budget", budget);
        main.bind(AsyncPlatformHttpEngine.NAME, new AsyncPlatformHttpEngine());
        main.bind("gatewayVertxOptions", vertxOptions(config));
        main.bind("gatewayTrace", new GatewayTracing(openTelemetry));
        if (openTelemetry != null) {
            // the component's spans and GenAI metrics go here too (it takes the one OpenTelemetry of the registry)
            main.bind("openTelemetry", openTelemetry);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStop(BaseMainSupport main) {
                    openTelemetry.shutdown().join(5, TimeUnit.SECONDS); // what is queued goes out, or is given up
                }
            });
        }
        return main;
    }

    /**
     * Where the tenants' request buckets live: in this gateway's memory, or on Redis when {@code gateway.redis.uri} is
     * set, so that every gateway instance counts each tenant's minute together. The Redis connection closes with Main.
     */
    private static RateLimitStore rateLimitStore(Properties config, Main main) {
        String redisUri = config.getProperty("gateway.redis.uri", "").trim();
        if (redisUri.isEmpty()) {
            return new InMemoryRateLimitStore();
        }
        RedisRateLimitStore redis = RedisRateLimitStore.connect(redisUri, "camel-inference:gateway:");
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport main) {
                try {
                    redis.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the rate limit store's Redis connection", e);
                }
            }
        });
        return redis;
    }

    /**
     * The Vert.x instance platform-http creates (it finds these options in the registry). With the gateway's consumer a
     * worker only starts a route and is free once the route waits on a provider, so a few suffice:
     * {@code gateway.vertx.workerPoolSize}. Event loops: {@code gateway.vertx.eventLoops} (Vert.x's default is twice
     * the cores).
     */
    private static VertxOptions vertxOptions(Properties config) {
        VertxOptions options = new VertxOptions()
                .setWorkerPoolSize(Integer.parseInt(config.getProperty("gateway.vertx.workerPoolSize", "8")));
        String eventLoops = config.getProperty("gateway.vertx.eventLoops");
        if (eventLoops != null && !eventLoops.isBlank()) {
            options.setEventLoopPoolSize(Integer.parseInt(eventLoops.trim()));
        }
        return options;
    }
}
