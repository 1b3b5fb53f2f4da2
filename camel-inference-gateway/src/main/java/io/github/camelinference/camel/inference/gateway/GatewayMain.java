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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.camelinference.camel.inference.gateway.config.GatewayConfig;
import io.github.camelinference.camel.inference.gateway.config.ModelConfig;
import io.github.camelinference.camel.inference.gateway.config.ProviderConfig;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs the gateway until stopped (SIGTERM or Ctrl+C: a graceful stop, streams in flight finish within
 * {@code camel.main.shutdownTimeout}).
 *
 * <pre>
 * java -jar camel-inference-gateway.jar                          # the offline demo: http://127.0.0.1:8080/v1
 * java -jar camel-inference-gateway.jar --config-dir /config     # or GATEWAY_CONFIG_DIR=/config
 * java -jar camel-inference-gateway.jar --port 9090
 * </pre>
 *
 * The config directory holds {@code gateway.properties} (providers, models, settings), {@code tenants.properties} and
 * {@code routes/*.yaml}, each optional. With no provider configured the demo runs: simulators on loopback, or the
 * public services when {@code OPENAI_API_KEY} / {@code HF_TOKEN} are set. A setting the gateway cannot use stops it at
 * start with a message naming the setting and its line (exit status 2).
 */
public final class GatewayMain {

    private static final String USAGE = "options: --config-dir DIR (or " + GatewayConfig.CONFIG_DIR_ENV
                                        + "), --port N";

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        String configDir = System.getenv(GatewayConfig.CONFIG_DIR_ENV);
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i]) && i + 1 < args.length) {
                overrides.put("camel.server.port", args[++i]);
            } else if ("--config-dir".equals(args[i]) && i + 1 < args.length) {
                configDir = args[++i];
            } else {
                System.err.println("unknown option " + args[i] + "; " + USAGE);
                System.exit(2);
            }
        }
        Path dir = configDir == null || configDir.isBlank() ? null : Path.of(configDir);
        GatewayConfig config;
        try {
            config = GatewayConfig.load(dir, overrides, System.getenv());
        } catch (IllegalArgumentException e) {
            refuse(e);
            return;
        }
        if (!config.demo()) {
            run(config, null);
            return;
        }
        try (Providers demo = Providers.fromEnvironment(System::getenv)) {
            Map<String, String> withDemo = new LinkedHashMap<>(demo.properties());
            withDemo.putAll(overrides);
            System.out.println("camel-inference gateway: no provider configured, the demo: " + demo.describe());
            run(GatewayConfig.load(dir, withDemo, System.getenv()), "keys: gk-acme-local-only, gk-globex-local-only");
        }
    }

    private static void run(GatewayConfig config, String keys) throws Exception {
        Main main;
        try {
            if (!config.demo()) {
                Map<String, ProviderConfig> providers = ProviderConfig.fromConfig(config);
                Map<String, ModelConfig> models = ModelConfig.fromConfig(config, providers);
                if (models.isEmpty() && !hasRoutes(config)) {
                    throw new IllegalArgumentException(
                            "providers are configured but no model: add gateway.models.<name> = <provider>:<model>, ..."
                                                       + " to gateway.properties, or YAML routes to <config dir>/routes/");
                }
                System.out.println("camel-inference gateway: providers " + providers.values().stream()
                        .map(ProviderConfig::describe).collect(Collectors.joining(", "))
                                   + "; models " + String.join(", ", models.keySet())
                                   + (hasRoutes(config) ? " (and " + config.configDir().resolve("routes") + ")" : ""));
            }
            main = Gateway.create(config);
        } catch (IllegalArgumentException e) {
            refuse(e);
            return;
        }
        String listening = "listening on http://" + config.get("camel.server.host") + ":" + config.get("camel.server.port")
                           + "/v1" + (keys == null ? "" : " (" + keys + ")") + "; health and metrics on :"
                           + config.get("camel.management.port") + "/observe";
        // why: said once the routes run, so that a script waiting for this line can send its first request at once
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                System.out.println(listening);
            }
        });
        main.run();
    }

    private static boolean hasRoutes(GatewayConfig config) {
        return config.configDir() != null && Files.isDirectory(config.configDir().resolve("routes"));
    }

    private static void refuse(IllegalArgumentException e) {
        System.err.println("camel-inference gateway: configuration refused: " + e.getMessage());
        System.exit(2);
    }
}
