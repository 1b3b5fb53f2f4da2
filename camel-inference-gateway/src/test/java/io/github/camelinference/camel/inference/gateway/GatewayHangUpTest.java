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

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.gateway.http.ErrorOut;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that hangs up before its answer cancels the provider call, and that is the client's doing: no other target
 * is tried and nothing is logged as a provider failure (the cancelled call is answered 499, at debug level).
 */
@Timeout(60)
class GatewayHangUpTest {

    private static final String KEY = "gk-hangup-test";

    @Test
    void aClientHangingUpBeforeItsAnswerCancelsTheCallWithoutAFailoverOrAProviderFailureLogged() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger errorOut = (Logger) LogManager.getLogger(ErrorOut.class);
        AbstractAppender capture = new AbstractAppender("hang-up-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                // why the name: with no logger of its own configured, the appender sits on the root logger
                if (event.getLevel().isMoreSpecificThan(Level.WARN)
                        && ErrorOut.class.getName().equals(event.getLoggerName())) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        capture.start();
        errorOut.addAppender(capture);
        try (ProviderSimulator openai = ProviderSimulator.start(Flavour.OPENAI);
             ProviderSimulator huggingface = ProviderSimulator.start(Flavour.HUGGINGFACE)) {
            openai.always(Reply.stall());
            Map<String, String> settings = new HashMap<>();
            settings.put("gateway.tenant.hangup.key", KEY);
            settings.put("gateway.requestTimeout", "60000");
            TestGateway gateway = TestGateway.start(openai, huggingface, settings);
            int port = gateway.port();
            try {
                InferenceComponent inference = gateway.main().getCamelContext().getComponent("inference",
                        InferenceComponent.class);
                byte[] body = "{\"model\":\"smart\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}"
                        .getBytes(StandardCharsets.UTF_8);
                try (Socket socket = new Socket("127.0.0.1", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + KEY
                               + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    awaitUntil(() -> openai.requestCount() == 1 && inference.getConnectionStats().leased() == 1);
                    assertEquals(1, inference.getConnectionStats().leased(), "the provider call is in flight");
                }

                awaitUntil(() -> inference.getConnectionStats().leased() == 0);
                assertEquals(0, inference.getConnectionStats().leased(), "the provider call is aborted");
                Thread.sleep(300); // a failover's call or ErrorOut's log would come within this (retryDelay 200 ms)
                assertEquals(0, huggingface.requestCount(), "a cancelled call is not failed over");
                assertEquals(1, openai.requestCount(), "nor retried");
                assertTrue(warnings.isEmpty(), "logged as a failure: " + warnings);
            } finally {
                gateway.close();
            }
        } finally {
            errorOut.removeAppender(capture);
            capture.stop();
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
