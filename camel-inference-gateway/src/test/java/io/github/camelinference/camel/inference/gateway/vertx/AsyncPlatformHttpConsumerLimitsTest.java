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
package io.github.camelinference.camel.inference.gateway.vertx;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the gateway's consumer does not do, it refuses clearly: a proxy route fails at start, a route that consumes
 * forms fails at start, and a form body sent to another route gets a 415 naming the reason.
 */
@Timeout(30)
class AsyncPlatformHttpConsumerLimitsTest {

    @Test
    void aProxyRouteFailsAtStartNamingTheMode() throws Exception {
        Exception e = assertThrows(Exception.class, () -> startWith(route -> route.from("platform-http:proxy")
                .log("proxied")));
        assertTrue(message(e).contains("proxy"), message(e));
        assertTrue(message(e).contains("AsyncPlatformHttpConsumer"), message(e));
    }

    @Test
    void aRouteConsumingFormsFailsAtStart() throws Exception {
        Exception e = assertThrows(Exception.class, () -> startWith(route -> route
                .from("platform-http:/form?consumes=application/x-www-form-urlencoded").log("form")));
        assertTrue(message(e).contains("form"), message(e));
    }

    @Test
    void aFormBodyGets415() throws Exception {
        int port = freePort();
        try (CamelContext camel = context(port, route -> route.from("platform-http:/echo").setBody(route.constant("ok")))) {
            camel.start();
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                    .uri(URI.create("http://127.0.0.1:" + port + "/echo"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("a=1&b=2")).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(415, response.statusCode());
            assertTrue(response.body().contains("form"), response.body());
        }
    }

    interface Routes {
        void configure(RouteBuilder builder) throws Exception;
    }

    private static void startWith(Routes routes) throws Exception {
        try (CamelContext camel = context(freePort(), routes)) {
            camel.start();
        }
    }

    private static CamelContext context(int port, Routes routes) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind(AsyncPlatformHttpEngine.NAME, new AsyncPlatformHttpEngine());
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost("127.0.0.1");
        configuration.setBindPort(port);
        camel.addService(new VertxPlatformHttpServer(configuration));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() throws Exception {
                routes.configure(this);
            }
        });
        return camel;
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" / ");
        }
        return text.toString();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
