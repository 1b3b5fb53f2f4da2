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
package io.github.camelinference.camel.inference;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ConnectionFailedException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.StreamInterruptedException;
import io.github.camelinference.camel.inference.http.SharedHttpClient;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.reactor.ConnectionInitiator;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An {@code Error} on one of the HTTP client's I/O threads: where our code or HttpClient's can contain it, only that
 * call fails and the thread lives on; where it escapes and ends the thread, the component builds a new client, the
 * calls that were in flight fail with an error saying so, the health check is DOWN until the new client has started,
 * and the next call answers.
 */
class ReactorRecoveryTest extends SimulatorTestSupport {

    private static ProviderSimulator https;

    @BeforeAll
    static void startHttps() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = ReactorRecoveryTest.class.getResourceAsStream("/tls/simulator.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keyManagers.getKeyManagers(), null, null);
        https = ProviderSimulator.startTls(Flavour.OPENAI, server);
    }

    @AfterAll
    static void stopHttps() {
        if (https != null) {
            https.close();
        }
    }

    @Test
    void anErrorInAStreamCallbackFailsThatCallAndTheIoThreadsGoOn() {
        AtomicBoolean once = new AtomicBoolean();
        component().addCallObserver(new CallObserver() {
            @Override
            public void onAnswer(String provider, String model, ChatResponse response, CallInfo info) {
                if (once.compareAndSet(false, true)) {
                    // heard on the I/O thread when a stream ends: before, this ended the thread and the reactor
                    throw new StackOverflowError("thrown on purpose by a call observer");
                }
            }

            @Override
            public void onError(String provider, String model, InferenceException error, long latencyMillis) {
            }
        });

        StreamInterruptedException e = failure(openaiUri("stream=true&aggregateStream=true"), "hi",
                StreamInterruptedException.class);

        assertTrue(e.getMessage().contains("the component failed while handling the answer"
                                           + " (java.lang.StackOverflowError: thrown on purpose"),
                e.getMessage());
        assertReactorLivesAndAnswers(openaiUri("stream=true&aggregateStream=true"));
    }

    @Test
    void anErrorInATlsHandshakeFailsThatCallAndTheIoThreadsGoOn() throws Exception {
        // thrown inside HttpClient's TLS code, on the I/O thread, by a trust manager an application may supply
        AtomicBoolean throwing = new AtomicBoolean(true);
        context.getRegistry().bind("throwingTrust", trust(throwing));
        String uri = "inference:openai?apiKey=RAW(" + OPENAI_KEY + ")&baseUrl=" + https.baseUrl()
                     + "&sslContextParameters=#throwingTrust";

        ConnectionFailedException e = failure(uri, "hi", ConnectionFailedException.class);

        assertTrue(e.getMessage().contains("the call failed on an I/O thread of the HTTP client"
                                           + " (java.lang.StackOverflowError: thrown on purpose by a trust manager)"),
                e.getMessage());
        throwing.set(false);
        assertReactorLivesAndAnswers(uri);
    }

    @Test
    void aReactorThatLostAThreadIsRebuiltTheCallsInFlightFailAndTheNextCallAnswers() throws Exception {
        InferenceComponent component = component();
        assertEquals("Simulated answer to: Say hello", template.requestBody(openaiUri(""), "Say hello", String.class));
        SharedHttpClient shared = component.httpClient(
                context.getEndpoint(openaiUri(""), InferenceEndpoint.class).getConfiguration());
        CloseableHttpAsyncClient dying = shared.get();
        HealthCheck health = HealthCheckRegistry.get(context).getCheck(HttpClientHealthCheck.ID).orElseThrow();
        assertEquals(HealthCheck.State.UP, health.call().getState());
        // a call in flight when the reactor dies: the provider never answers it
        openai.enqueue(Reply.stall());
        CompletableFuture<Object> inFlight = template.asyncRequestBody(openaiUri("stream=true&aggregateStream=true"),
                "never answered");
        awaitUntil(() -> openai.requestCount() == 2);
        // the rebuild runs on the component's timer thread: holding it shows the state in between
        CountDownLatch hold = new CountDownLatch(1);
        component.timers().execute(() -> awaitQuietly(hold));

        // an Error that escapes on an I/O thread: a connect callback (HttpClient's public ConnectionInitiator API) runs
        // there with nothing around it to contain it, as HttpClient's own code would
        ((ConnectionInitiator) dying).connect(new HttpHost("127.0.0.1", openai.port()),
                new InetSocketAddress("127.0.0.1", openai.port()), null, Timeout.ofSeconds(5), null,
                new FutureCallback<IOSession>() {
                    @Override
                    public void completed(IOSession session) {
                        throw new StackOverflowError("thrown on purpose on an I/O thread");
                    }

                    @Override
                    public void failed(Exception e) {
                    }

                    @Override
                    public void cancelled() {
                    }
                });

        awaitUntil(() -> !component.isHttpClientUp());
        HealthCheck.Result down = health.call();
        assertEquals(HealthCheck.State.DOWN, down.getState());
        assertTrue(down.getMessage().orElse("").contains("StackOverflowError: thrown on purpose"),
                down.getMessage().orElse(""));
        hold.countDown();
        awaitUntil(component::isHttpClientUp);

        assertEquals(HealthCheck.State.UP, health.call().getState());
        assertEquals(1, component.getHttpClientRebuilds());
        ExecutionException failed = assertThrows(ExecutionException.class, () -> inFlight.get(20, TimeUnit.SECONDS),
                "the call in flight fails");
        ConnectionFailedException cause = assertInstanceOf(ConnectionFailedException.class,
                failed.getCause() instanceof CamelExecutionException camel ? camel.getCause() : failed.getCause());
        assertTrue(cause.getMessage().contains("the HTTP client's I/O reactor died (java.lang.StackOverflowError"),
                cause.getMessage());
        assertEquals("Simulated answer to: Say hello", template.requestBody(openaiUri(""), "Say hello", String.class));
        assertNotSame(dying, shared.get(), "the endpoint moved to the new client");
    }

    private InferenceComponent component() {
        return context.getComponent("inference", InferenceComponent.class);
    }

    private void assertReactorLivesAndAnswers(String uri) {
        String answer = assertTimeoutPreemptively(() -> template.requestBody(uri, "Say hello", String.class));
        assertEquals("Simulated answer to: Say hello", answer);
        assertTrue(component().isHttpClientUp(), component().getHttpClientDownReason());
        assertEquals(0, component().getHttpClientRebuilds(), "no I/O thread ended");
    }

    private static <T> T assertTimeoutPreemptively(org.junit.jupiter.api.function.ThrowingSupplier<T> call) {
        return org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), call);
    }

    /** Trusts the simulator's certificate, or throws an Error while {@code throwing} is set. */
    private static SSLContextParameters trust(AtomicBoolean throwing) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = ReactorRecoveryTest.class.getResourceAsStream("/tls/trusted.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        X509TrustManager trusted = (X509TrustManager) factory.getTrustManagers()[0];
        TrustManagersParameters parameters = new TrustManagersParameters();
        parameters.setTrustManager(new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("a client only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                if (throwing.get()) {
                    throw new StackOverflowError("thrown on purpose by a trust manager");
                }
                trusted.checkServerTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return trusted.getAcceptedIssuers();
            }
        });
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(parameters);
        return ssl;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls with a generous deadline: a loaded machine may take a while. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "not within 20 s");
    }
}
