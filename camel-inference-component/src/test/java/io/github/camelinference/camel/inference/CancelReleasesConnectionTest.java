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

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.github.camelinference.camel.inference.error.CallCancelledException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call cancelled through {@link InferenceConstants#CANCEL_PROPERTY} (a gateway whose client hung up, a failover step
 * dropping a hedge's loser) gives its connection back at once, even when the provider has gone silent: the connection
 * is closed, not left leased until the provider speaks again.
 */
class CancelReleasesConnectionTest extends SimulatorTestSupport {

    /** Long enough that no timeout of ours ends the call while the test runs. */
    private static final String PATIENT = "firstTokenTimeout=60000&streamIdleTimeout=60000&requestTimeout=60000";

    @Test
    void cancellingAStreamBeforeItsFirstTokenClosesItsConnection() throws Exception {
        openai.always(Reply.stall());

        cancelAndAwaitRelease(openaiUri("stream=true&" + PATIENT));
    }

    @Test
    void cancellingAStreamThatStalledMidwayClosesItsConnection() throws Exception {
        openai.always(Reply.answer().stallAfterChunks(1));

        cancelAndAwaitRelease(openaiUri("stream=true&" + PATIENT));
    }

    @Test
    void cancellingAnAggregatedStreamClosesItsConnection() throws Exception {
        openai.always(Reply.answer().stallAfterChunks(1));

        cancelAndAwaitRelease(openaiUri("stream=true&aggregateStream=true&" + PATIENT));
    }

    @Test
    void cancellingAWholeAnswerCallClosesItsConnection() throws Exception {
        openai.always(Reply.stall());

        cancelAndAwaitRelease(openaiUri(PATIENT));
    }

    private void cancelAndAwaitRelease(String uri) throws Exception {
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        // why: a kept-alive connection from the pool is where cancelling HttpClient's future used to reach nothing
        openai.enqueue(Reply.answer());
        template.requestBody(openaiUri(""), "Warm up", String.class);
        awaitUntil(() -> component.getConnectionStats().leased() == 0);
        assertTrue(component.getConnectionStats().available() > 0, "a kept-alive connection waits in the pool");
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        try {
            Exchange exchange = context.getEndpoint(uri).createExchange();
            exchange.getMessage().setBody("Say hi");
            CompletableFuture<Exchange> done = new CompletableFuture<>();
            producer.process(exchange, sync -> done.complete(exchange));
            awaitUntil(() -> openai.requestCount() == 2 && component.getConnectionStats().leased() == 1);
            assertEquals(1, component.getConnectionStats().leased(), "the call holds its connection");

            // a stream that has started has already handed its deltas to the route: cancelling ends the deltas
            boolean answering = done.isDone();
            ((Runnable) exchange.getProperty(InferenceConstants.CANCEL_PROPERTY)).run();

            done.get(10, TimeUnit.SECONDS);
            if (!answering) {
                // why its own class: an error handler or a failover step around the call must not retry it
                CallCancelledException e = assertInstanceOf(CallCancelledException.class, exchange.getException());
                assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
            }
            // idle keep-alive connections (the model list's) stay open on both sides; the cancelled one must not
            awaitUntil(() -> component.getConnectionStats().leased() == 0
                    && openai.openConnections() == component.getConnectionStats().available());
            InferenceComponent.ConnectionStats stats = component.getConnectionStats();
            assertEquals(0, stats.leased(), "leased connections: " + stats);
            assertEquals(stats.available(), openai.openConnections(), "connections the provider holds open: " + stats);
        } finally {
            ServiceHelper.stopService(producer);
        }
    }

    /** Polls with a generous deadline: a loaded machine may take a while, a leak takes forever. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
