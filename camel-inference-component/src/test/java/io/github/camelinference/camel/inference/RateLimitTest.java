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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.BucketConfiguration;
import io.github.camelinference.camel.inference.error.AccountRateLimitedException;
import io.github.camelinference.camel.inference.error.ConnectionFailedException;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.camel.inference.ratelimit.InMemoryRateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.RateLimitBucket;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.simulator.ProviderSimulator;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * requestsPerMinute, tokensPerMinute and rateLimitMaxWait as a route sees them, against the simulator on loopback. One
 * a minute is a bucket of one request refilled once a minute, so a second call soon after the first is refused however
 * slow the machine.
 */
class RateLimitTest extends SimulatorTestSupport {

    private Exchange ask(String uri) {
        return template.request(uri, e -> e.getMessage().setBody("Hello"));
    }

    @Test
    void aCallPastRequestsPerMinuteFailsAtOnceAndNeverReachesTheProvider() {
        String uri = openaiUri("requestsPerMinute=1&rateLimitAccount=once");
        assertNull(ask(uri).getException());

        Exchange refused = ask(uri);
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class,
                refused.getException());
        assertTrue(error.isClientSide());
        assertEquals("once", error.getAccount());
        assertTrue(error.getRetryAfterMillis() > 0 && error.getRetryAfterMillis() <= 60_000);
        assertEquals(1, openai.requestCount(), "the refused call was not sent");
        assertFalse(error.getMessage().contains(OPENAI_KEY));
    }

    @Test
    void endpointsNamingOneAccountShareItsLimit() {
        assertNull(ask(openaiUri("requestsPerMinute=1&rateLimitAccount=shared&model=gpt-5-mini")).getException());
        Exchange refused = ask(openaiUri("requestsPerMinute=1&rateLimitAccount=shared&model=gpt-5-nano"));
        assertInstanceOf(AccountRateLimitedException.class, refused.getException());
        assertEquals(1, openai.requestCount());
    }

    @Test
    void theAccountDefaultsToTheProviderAndHost() {
        Exchange refused = null;
        for (int i = 0; i < 2; i++) {
            refused = ask(openaiUri("requestsPerMinute=1"));
        }
        assertEquals("openai@127.0.0.1:" + openai.port(),
                ((AccountRateLimitedException) refused.getException()).getAccount());
    }

    @Test
    void theProvidersRemainingRequestsStopCallsTheProviderWouldRefuse() {
        openai.rateLimit(2); // the provider allows 2 a minute; our own limit is far higher
        String uri = openaiUri("requestsPerMinute=6000&rateLimitAccount=learning");
        // our bucket keeps one less than the provider says it has left, so a call may be refused before the second
        // is sent; calls go on until the provider has had its two
        for (int i = 0; i < 500 && openai.chatRequestsReceived() < 2; i++) {
            Exchange call = ask(uri);
            if (call.getException() != null) {
                assertTrue(((RateLimitedException) call.getException()).isClientSide());
            }
        }
        assertEquals(2, openai.chatRequestsReceived());

        Exchange third = ask(uri);
        RateLimitedException error = assertInstanceOf(RateLimitedException.class, third.getException());
        assertTrue(error.isClientSide(), "refused by our limiter, which learned the provider has none left: " + error);
        assertEquals(2, openai.chatRequestsReceived());
        assertEquals(0, openai.rateLimitedReplies(), "the provider never had to send a 429");
    }

    @Test
    void withoutLearningTheProvidersOwn429Arrives() throws Exception {
        openai.rateLimit(2);
        String uri = openaiUri("requestsPerMinute=6000&rateLimitAccount=deaf&rateLimitFromHeaders=false");
        ask(uri);
        ask(uri);
        RateLimitedException error = assertInstanceOf(RateLimitedException.class, ask(uri).getException());
        assertFalse(error.isClientSide());
        assertEquals(429, error.getHttpStatus());
        assertTrue(error.getRetryAfterMillis() > 50_000, "the provider's Retry-After: when its oldest call leaves the"
                                                         + " minute, " + error.getRetryAfterMillis() + " ms");
        assertEquals(1, openai.rateLimitedReplies());
        HttpResponse<String> stats = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + openai.port() + ProviderSimulator.REQUESTS_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(stats.body().contains("\"chatRequests\":3,\"maxChatRequestsPerMinute\":3,\"rateLimited\":1"),
                stats.body());
    }

    @Test
    void aStreamedCallTakesItsShareToo() {
        String uri = openaiUri("requestsPerMinute=1&rateLimitAccount=streams&stream=true&aggregateStream=true");
        Exchange first = ask(uri);
        assertNull(first.getException());
        assertInstanceOf(AccountRateLimitedException.class, ask(uri).getException());
        assertEquals(1, openai.requestCount());
    }

    @Test
    void callsWaitForTheirTurnWithRateLimitMaxWait() throws Exception {
        String uri = openaiUri("requestsPerMinute=120&rateLimitAccount=patient&rateLimitMaxWait=10s");
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(template.asyncSend(uri, e -> e.getMessage().setBody("Hello")));
        }
        for (CompletableFuture<Exchange> call : calls) {
            assertNull(call.get(30, TimeUnit.SECONDS).getException());
        }
        assertEquals(5, openai.requestCount(), "two at once, then one every 500 ms, none refused");
    }

    @Test
    void aCallWaitingForItsTurnHoldsNoThreadAndEndsWhenTheComponentStops() throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.getShutdownStrategy().setTimeout(1);
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        camel.start();
        try {
            AsyncProducer producer = camel.getEndpoint(openaiUri("requestsPerMinute=1&rateLimitAccount=stopping"
                                                                 + "&rateLimitMaxWait=1h"))
                    .createAsyncProducer();
            producer.start();
            CountDownLatch first = new CountDownLatch(1);
            Exchange answered = new DefaultExchange(camel);
            answered.getMessage().setBody("Hello");
            producer.process(answered, doneSync -> first.countDown());
            assertTrue(first.await(30, TimeUnit.SECONDS));
            assertNull(answered.getException());

            int threadsBefore = Thread.activeCount();
            List<Exchange> waiting = new ArrayList<>();
            CountDownLatch ended = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setBody("Hello");
                waiting.add(exchange);
                producer.process(exchange, doneSync -> ended.countDown());
            }
            // twenty calls wait (one a minute) for their turn, each on the component's one timer thread
            assertTrue(Thread.activeCount() - threadsBefore < 3, "waiting calls hold no thread each");
            assertEquals(20, ended.getCount());
            camel.stop();
            assertTrue(ended.await(30, TimeUnit.SECONDS), "every waiting exchange ended when the component stopped");
            for (Exchange exchange : waiting) {
                assertInstanceOf(ConnectionFailedException.class, exchange.getException());
                assertTrue(exchange.getException().getMessage().contains("waiting for the rate limit of account"
                                                                         + " 'stopping'"),
                        exchange.getException().getMessage());
            }
            assertEquals(1, openai.requestCount(), "the calls still waiting were never sent");
        } finally {
            camel.stop();
        }
    }

    @Test
    void tokensPerMinuteRefusesACallWhoseEstimateDoesNotFit() {
        // 60 tokens a minute holds one token: the first call takes it and its estimate's rest as debt
        String uri = openaiUri("tokensPerMinute=60&maxTokens=100&rateLimitAccount=tokens");
        assertNull(ask(uri).getException());
        AccountRateLimitedException error = assertInstanceOf(AccountRateLimitedException.class,
                ask(uri).getException());
        assertEquals("tokens per minute", error.getLimit());
    }

    @Test
    void theApiKeyIsNeverAnAccountName() {
        ResolveEndpointFailedException error = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(openaiUri("requestsPerMinute=60&rateLimitAccount=RAW(" + OPENAI_KEY + ")")));
        assertTrue(error.getCause().getMessage().contains("not the API key"), error.getCause().getMessage());
    }

    @Test
    void theComponentUsesTheOnlyRateLimitStoreInTheRegistry() {
        CountingStore store = new CountingStore();
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("limits", store);
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        camel.start();
        try {
            assertSame(store, component.getRateLimitStore());
            Exchange answered = camel.createProducerTemplate().request(
                    openaiUri("requestsPerMinute=1&rateLimitAccount=registry"), e -> e.getMessage().setBody("Hello"));
            assertNull(answered.getException());
            assertTrue(store.keys.contains("registry:rpm=1"), String.valueOf(store.keys));
        } finally {
            camel.stop();
        }
    }

    /** The in-memory store, remembering which buckets were asked for. */
    static final class CountingStore implements RateLimitStore {
        final List<String> keys = new CopyOnWriteArrayList<>();
        private final RateLimitStore delegate = new InMemoryRateLimitStore();

        @Override
        public RateLimitBucket bucket(String key, BucketConfiguration configuration) {
            keys.add(key);
            return delegate.bucket(key, configuration);
        }
    }
}
