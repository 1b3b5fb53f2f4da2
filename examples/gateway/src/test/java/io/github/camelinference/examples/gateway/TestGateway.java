package io.github.camelinference.examples.gateway;

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

    public static TestGateway start(ProviderSimulator openai, ProviderSimulator huggingface,
                                    Map<String, String> settings) throws Exception {
        return start(openai, huggingface, settings, null);
    }

    /** The same, recording its spans and metrics to this SDK. */
    public static TestGateway start(ProviderSimulator openai, ProviderSimulator huggingface,
                                    Map<String, String> settings, OpenTelemetrySdk openTelemetry) throws Exception {
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
