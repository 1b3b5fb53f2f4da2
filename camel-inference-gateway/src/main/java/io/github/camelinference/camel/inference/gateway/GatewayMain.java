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

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.main.Main;

/**
 * Runs the gateway until stopped (Ctrl+C), offline against simulators unless {@code OPENAI_API_KEY} / {@code HF_TOKEN}
 * are set:
 *
 * <pre>
 * mvn -q -pl camel-inference-gateway exec:java                      # http://127.0.0.1:8080/v1
 * mvn -q -pl camel-inference-gateway exec:java -Dexec.args="--port 9090"
 * </pre>
 */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if ("--port".equals(args[i])) {
                properties.put("camel.server.port", args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: --port N");
            }
        }
        try (Providers providers = Providers.fromEnvironment(System::getenv)) {
            properties.putAll(providers.properties());
            System.out.println("camel-inference gateway: " + providers.describe());
            System.out.println("listening on http://127.0.0.1:" + properties.getOrDefault("camel.server.port", "8080")
                               + "/v1 (keys: see application.properties)");
            Main main = Gateway.create(properties);
            main.run();
        }
    }
}
