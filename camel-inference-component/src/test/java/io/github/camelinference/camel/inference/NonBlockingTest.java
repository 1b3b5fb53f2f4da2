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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.simulator.Reply;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls in flight hold no thread: hundreds wait on a slow provider while the thread count stays flat. */
class NonBlockingTest extends SimulatorTestSupport {

    @Test
    void hundredsOfSlowCallsInFlightNeedNoThreadEach() throws Exception {
        int calls = 300;
        openai.always(Reply.answer().delayed(Duration.ofMillis(1500)));
        String uri = openaiUri("");
        template.requestBody(uri, "warm-up"); // starts the component's pools and the HTTP client
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

        AsyncProcessor producer = (AsyncProcessor) context.getEndpoint(uri).createAsyncProducer();
        org.apache.camel.support.service.ServiceHelper.startService(producer);
        List<CompletableFuture<Exchange>> inFlight = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            Exchange exchange = context.getEndpoint(uri).createExchange();
            exchange.getMessage().setBody("question " + i);
            inFlight.add(producer.processAsync(exchange)); // returns at once: the call runs without this thread
        }
        // wait until every request has reached the server: all are in flight at once
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (openai.requestCount() < calls + 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int peakThreads = ManagementFactory.getThreadMXBean().getThreadCount();

        Set<String> answers = new HashSet<>();
        for (CompletableFuture<Exchange> future : inFlight) {
            Exchange exchange = future.get(30, TimeUnit.SECONDS);
            assertNull(exchange.getException());
            answers.add(exchange.getMessage().getBody(String.class));
        }
        assertEquals(calls + 1, openai.requestCount());
        assertEquals(calls, answers.size(), "each call got its own answer");
        assertTrue(answers.contains("Simulated answer to: question 299"));
        assertTrue(peakThreads - threadsBefore < 40, "threads grew from " + threadsBefore + " to " + peakThreads
                                                     + " for " + calls + " calls in flight");
    }
}
