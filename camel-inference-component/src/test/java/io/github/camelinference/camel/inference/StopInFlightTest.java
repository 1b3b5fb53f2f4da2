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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.service.ServiceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping never loses an exchange: calls in flight get the shutdown timeout to finish, and every one still running
 * after it ends with an error saying the component stopped, so callbacks run and error handlers see why.
 */
class StopInFlightTest extends SimulatorTestSupport {

    private static final String STOPPED = "the component stopped while the call was in flight";
    private static final int ROUTED = 300;
    /** Streams that would wait longer than the test for their first token or their next event. */
    private static final String PATIENT_STREAM = "stream=true&streamIdleTimeout=60000&firstTokenTimeout=60000";

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                errorHandler(deadLetterChannel("mock:dead"));
                from("direct:ask").toD("${header.target}")
                        .split(body()).streaming().to("mock:token").end();
            }
        };
    }

    @Test
    void everyDirectCallbackRunsWhenTheComponentStops() throws Exception {
        openai.always(Reply.stall());
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(12);
        String[] uris = {
                openaiUri(""), openaiUri("stream=true&firstTokenTimeout=60000"),
                openaiUri("stream=true&aggregateStream=true&firstTokenTimeout=60000") };
        List<AsyncProducer> producers = new ArrayList<>();
        for (String uri : uris) {
            AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
            ServiceHelper.startService(producer);
            producers.add(producer);
            for (int i = 0; i < 4; i++) {
                Exchange exchange = context.getEndpoint(uri).createExchange();
                exchange.getMessage().setBody("question " + i);
                producer.process(exchange, sync -> {
                    outcomes.add(exchange.getException());
                    done.countDown();
                });
            }
        }
        awaitRequests(12);
        context.getShutdownStrategy().setTimeout(1);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            context.getComponent("inference").stop();
            assertTrue(done.await(10, TimeUnit.SECONDS), (12 - done.getCount()) + " of 12 callbacks ran");
        });
        assertEquals(12, outcomes.size());
        for (Throwable outcome : outcomes) {
            InferenceException e = assertInstanceOf(InferenceException.class, outcome);
            assertTrue(e.getMessage().contains(STOPPED), e.getMessage());
        }
        producers.forEach(ServiceHelper::stopService);
    }

    @Test
    void everyRoutedExchangeReachesTheDeadLetterChannelWhenTheComponentStops() throws Exception {
        // half wait for their first token; half have started and stalled while the route reads them
        MockEndpoint dead = getMockEndpoint("mock:dead");
        dead.expectedMessageCount(ROUTED);
        for (int i = 0; i < ROUTED; i++) {
            Reply reply = i % 2 == 0 ? Reply.stall() : Reply.answer().stallAfterChunks(1);
            openai.enqueue(reply);
        }
        List<CompletableFuture<Exchange>> calls = sendRouted();
        context.getShutdownStrategy().setTimeout(1);

        assertTimeoutPreemptively(Duration.ofSeconds(25), () -> {
            context.getComponent("inference").stop();
            for (CompletableFuture<Exchange> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        });
        dead.assertIsSatisfied(5000);
        for (Exchange exchange : dead.getExchanges()) {
            Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            assertTrue(cause != null && cause.getMessage().contains(STOPPED), String.valueOf(cause));
        }
    }

    @Test
    void everyRoutedExchangeCompletesWhenTheCamelContextStops() throws Exception {
        openai.always(Reply.answer().stallAfterChunks(1));
        List<CompletableFuture<Exchange>> calls = sendRouted();
        context.getShutdownStrategy().setTimeout(1);
        MockEndpoint dead = getMockEndpoint("mock:dead");

        assertTimeoutPreemptively(Duration.ofSeconds(25), () -> {
            context.stop();
            for (CompletableFuture<Exchange> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        });
        for (CompletableFuture<Exchange> call : calls) {
            Exchange exchange = call.get();
            Throwable cause = exchange.getException() != null
                    ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            assertTrue(cause != null && cause.getMessage().contains(STOPPED), String.valueOf(cause));
        }
        System.out.println("context stop: " + dead.getReceivedCounter() + " of " + ROUTED + " dead-lettered");
    }

    @Test
    void callsThatEndWithinTheShutdownTimeoutAreLeftToEnd() throws Exception {
        openai.always(Reply.answer().delayed(Duration.ofMillis(500)));
        CompletableFuture<Exchange> call = template.asyncSend(openaiUri(""), e -> e.getMessage().setBody("Say hi"));
        awaitRequests(1);
        context.getShutdownStrategy().setTimeout(10);

        context.getComponent("inference").stop();

        Exchange exchange = call.get(5, TimeUnit.SECONDS);
        assertEquals("Simulated answer to: Say hi", exchange.getMessage().getBody(String.class));
    }

    /** Sends ROUTED streamed questions through the route and returns once the simulator has received them all. */
    private List<CompletableFuture<Exchange>> sendRouted() throws InterruptedException {
        List<CompletableFuture<Exchange>> calls = new ArrayList<>();
        for (int i = 0; i < ROUTED; i++) {
            Exchange exchange = context.getEndpoint("direct:ask").createExchange();
            exchange.getMessage().setBody("question " + i);
            exchange.getMessage().setHeader("target", openaiUri(PATIENT_STREAM));
            calls.add(template.asyncSend("direct:ask", exchange));
        }
        awaitRequests(ROUTED);
        return calls;
    }

    private static void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (openai.requestCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, openai.requestCount(), "requests that reached the simulator");
    }
}
