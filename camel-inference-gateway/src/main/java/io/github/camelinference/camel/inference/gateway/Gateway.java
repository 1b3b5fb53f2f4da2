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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.gateway.admin.AdminKey;
import io.github.camelinference.camel.inference.gateway.config.GatewayConfig;
import io.github.camelinference.camel.inference.gateway.config.ModelConfig;
import io.github.camelinference.camel.inference.gateway.config.ModelRouteBuilder;
import io.github.camelinference.camel.inference.gateway.config.ProviderConfig;
import io.github.camelinference.camel.inference.gateway.http.ChatCompletionsIn;
import io.github.camelinference.camel.inference.gateway.http.ChatCompletionsOut;
import io.github.camelinference.camel.inference.gateway.http.ErrorOut;
import io.github.camelinference.camel.inference.gateway.http.ModelRoutes;
import io.github.camelinference.camel.inference.gateway.http.ModelsOut;
import io.github.camelinference.camel.inference.gateway.http.UsageOut;
import io.github.camelinference.camel.inference.gateway.openai.OpenAiRequestReader;
import io.github.camelinference.camel.inference.gateway.status.GatewayStatus;
import io.github.camelinference.camel.inference.gateway.status.ProviderCalls;
import io.github.camelinference.camel.inference.gateway.status.ProviderNames;
import io.github.camelinference.camel.inference.gateway.status.StatusUi;
import io.github.camelinference.camel.inference.gateway.tenant.KeyedTenantStore;
import io.github.camelinference.camel.inference.gateway.tenant.RequestRateLimiter;
import io.github.camelinference.camel.inference.gateway.tenant.TenantStore;
import io.github.camelinference.camel.inference.gateway.tracing.GatewayTelemetry;
import io.github.camelinference.camel.inference.gateway.tracing.GatewayTracing;
import io.github.camelinference.camel.inference.gateway.vertx.AsyncPlatformHttpEngine;
import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.redis.RedisRateLimitStore;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel Main with the gateway's YAML routes ({@code src/main/resources/routes/}), its models (the short form of
 * {@code gateway.models.*}, YAML routes in the config directory, or the demo's), and the few Java steps the routes call
 * by name: {@code gatewayIn}, {@code gatewayOut}, {@code gatewayError}, {@code gatewayModels}, and the tenants' budget
 * {@code budget}. Settings: {@link GatewayConfig}.
 */
public final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private Gateway() {
    }

    /**
     * A Camel Main ready to {@code run()} (blocking) or {@code start()}, with the built-in settings and these
     * overrides, and the OpenTelemetry SDK the {@code OTEL_*} environment variables ask for (none without them).
     */
    public static Main create(Map<String, String> overrides) {
        return create(GatewayConfig.load(null, overrides, System.getenv()));
    }

    /** The same from settings read by {@link GatewayConfig} (a config directory, the environment). */
    public static Main create(GatewayConfig config) {
        return create(config, GatewayTelemetry.fromEnvironment(System::getenv, builder -> {
        }));
    }

    /**
     * A Camel Main whose request spans, failover attempts and provider calls go to this SDK (null: nothing is
     * recorded); it is closed with Main.
     */
    public static Main create(Map<String, String> overrides, OpenTelemetrySdk openTelemetry) {
        return create(GatewayConfig.load(null, overrides, System.getenv()), openTelemetry);
    }

    /**
     * The gateway on these settings. Refuses, before anything starts, a provider or model the component could not call,
     * and a tenant without a key or sharing one, naming the setting and where it was given.
     */
    public static Main create(GatewayConfig settings, OpenTelemetrySdk openTelemetry) {
        Properties config = settings.properties();
        Map<String, ProviderConfig> providers = ProviderConfig.fromConfig(settings);
        Map<String, ModelConfig> models = ModelConfig.fromConfig(settings, providers);

        Main main = new Main();
        GatewayStores stores = tenantStore(settings, main);
        KeyedTenantStore tenants = stores.tenants;
        ObjectMapper mapper = new ObjectMapper();
        ModelRoutes modelRoutes = new ModelRoutes();
        boolean forwardUnknown = !"reject".equals(config.getProperty("gateway.unknownFields", "forward"));
        double budgetUsd = Double.parseDouble(config.getProperty("gateway.budget.usdPerDay", "5"));

        settings.camelOverrides().forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern", routes(settings));
        if (!models.isEmpty()) {
            main.configure().addRoutesBuilder(new ModelRouteBuilder(models.values()));
        }
        main.bind("gatewayIn", new ChatCompletionsIn(
                tenants, new OpenAiRequestReader(mapper, forwardUnknown), modelRoutes,
                new RequestRateLimiter(rateLimitStore(config, main)), mapper));
        main.bind("gatewayOut", new ChatCompletionsOut(mapper));
        // the spend store is Redis when instances share it: they hold each tenant to one daily amount together
        BudgetGuard budget = new BudgetGuard(stores.spend, budgetUsd, BudgetGuard.Window.DAY, Clock.systemUTC());
        // the budget key is the tenant's name: a tenant with an amount of its own gets it as that key's limit
        stores.attach(budget);
        main.bind("gatewayUsage", new UsageOut(tenants, stores.usage, stores.adminKey, mapper));
        stores.installAdmin(main, budget, mapper);
        main.bind("gatewayError", new ErrorOut(mapper, budget));
        main.bind("gatewayModels", new ModelsOut(tenants, modelRoutes, mapper));
        main.bind("budget", budget);
        main.bind(AsyncPlatformHttpEngine.NAME, new AsyncPlatformHttpEngine());
        main.bind("gatewayVertxOptions", vertxOptions(config));
        main.bind("gatewayTrace", new GatewayTracing(openTelemetry));
        statusPage(main, stores.adminKey, tenants, budget, new ProviderNames(providers.values()));
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
     * The status page on the management server ({@code /ui}, {@link StatusUi}), guarded by {@code gateway.admin.key}
     * when it is set. Its providers' figures come from every call of the {@code inference:} component, heard from
     * before the routes start, counted per configured provider.
     */
    private static void statusPage(
            Main main, AdminKey adminKey, TenantStore tenants, BudgetGuard budget, ProviderNames names) {
        ProviderCalls calls = new ProviderCalls(names);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport main) {
                CamelContext camel = main.getCamelContext();
                camel.getComponent("inference", InferenceComponent.class).addCallObserver(calls);
                // why: Main's afterStart runs only under run(); the management server's router exists once started
                try {
                    camel.addStartupListener(new ExtendedStartupListener() {
                        @Override
                        public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
                        }

                        @Override
                        public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
                            serveStatusPage(context, adminKey, tenants, budget, calls);
                        }
                    });
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the status page to the management server", e);
                }
            }
        });
    }

    private static void serveStatusPage(
            CamelContext camel, AdminKey adminKey, TenantStore tenants, BudgetGuard budget, ProviderCalls calls) {
        ManagementHttpServer management = camel.hasService(ManagementHttpServer.class);
        if (management == null) {
            LOG.info("no status page: the management server is off (camel.management.enabled)");
            return;
        }
        new StatusUi(() -> GatewayStatus.read(camel, tenants.all(), budget, calls), adminKey)
                .register(management.getRouter());
        LOG.info("status page: http://{}:{}{}{}", management.getHost(), management.getPort(), StatusUi.PATH,
                !adminKey.isSet() ? " (open: no gateway.admin.key)" : " (admin key required)");
    }

    /**
     * The one place the tenants' store is chosen ({@link GatewayStores}): the configuration's keys, hashed when read,
     * or Redis ({@code gateway.tenants.store}); with the usage store and the admin key.
     */
    static GatewayStores tenantStore(GatewayConfig settings, Main main) {
        return GatewayStores.create(settings.properties(), settings::origin, main);
    }

    /**
     * The YAML routes: the configured pattern (the HTTP side and the model template), plus the demo's models when no
     * provider is configured, plus the config directory's {@code routes/*.yaml}.
     */
    private static String routes(GatewayConfig settings) {
        StringBuilder pattern = new StringBuilder(settings.get("camel.main.routes-include-pattern", ""));
        if (settings.demo()) {
            pattern.append(",classpath:demo/*.yaml");
        }
        Path dir = settings.configDir() == null ? null : settings.configDir().resolve("routes");
        if (dir != null && Files.isDirectory(dir)) {
            pattern.append(",file:").append(dir.toAbsolutePath()).append("/*.yaml");
        }
        return pattern.length() > 0 && pattern.charAt(0) == ',' ? pattern.substring(1) : pattern.toString();
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
