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

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.github.camelinference.simulator.ProviderSimulator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.apache.camel.main.Main;

/**
 * The gateway as a test runs it: Camel Main on a free loopback port, both providers pointing at the given simulators,
 * plus the test's own settings. Stopping it leaves the simulators to the test.
 */
public final class TestGateway implements AutoCloseable {

    private final Main main;
    private final int port;

    private TestGateway(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    public static TestGateway start(
            ProviderSimulator openai, ProviderSimulator huggingface,
            Map<String, String> settings)
            throws Exception {
        return start(openai, huggingface, settings, null);
    }

    /** The same, recording its spans and metrics to this SDK. */
    public static TestGateway start(
            ProviderSimulator openai, ProviderSimulator huggingface,
            Map<String, String> settings, OpenTelemetrySdk openTelemetry)
            throws Exception {
        int port = freePort();
        Map<String, String> properties = new HashMap<>(Providers.simulated(openai, huggingface).properties());
        properties.put("camel.server.port", Integer.toString(port));
        properties.putAll(settings);
        Main main = Gateway.create(properties, openTelemetry);
        main.start();
        return new TestGateway(main, port);
    }

    public static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Main main() {
        return main;
    }

    public int port() {
        return port;
    }

    /** The OpenAI base URL clients are given, {@code http://127.0.0.1:<port>/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Override
    public void close() {
        main.stop();
    }
}
