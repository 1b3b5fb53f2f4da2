package io.github.camelinference.examples.gateway;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the gateway lets a stream in flight finish: Camel's graceful shutdown waits for its exchange. */
@Timeout(60)
class GatewayGracefulStopTest {

    @Test
    void aStreamInFlightFinishesWhenTheGatewayStops() throws Exception {
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            openai.always(Reply.answer().paced(Duration.ofMillis(150)));
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Map<String, String> properties = new HashMap<>(Providers.simulated(openai, huggingface).properties());
            properties.put("camel.server.port", Integer.toString(port));
            properties.put("camel.main.shutdownTimeout", "20");
            Main gateway = Gateway.create(properties);
            gateway.start();

            CompletableFuture<HttpResponse<String>> stream = HttpClient.newHttpClient().sendAsync(HttpRequest
                    .newBuilder().uri(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer gk-acme-local-only")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"smart\",\"stream\":true,\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"Say hello\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            // why: stop only once the stream has started (the provider has been called)
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (openai.requestCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            gateway.stop();

            HttpResponse<String> response = stream.get(30, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().contains("\"content\":\" hello\""), response.body());
            assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        }
    }
}
