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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Route code never runs on HttpClient's I/O dispatcher threads, however many calls are in flight: 2,000 streamed
 * answers read by {@code split(body()).streaming()} with a slow step all complete, and no step runs on a dispatcher.
 */
class DispatcherThreadsTest extends SimulatorTestSupport {

    private static final int CALLS = 2000;
    /**
     * All 2,000 calls are in flight at once, most of them waiting for one of these connections (which holds no thread);
     * a thousand simultaneous connects would test the loopback's accept backlog on a loaded machine instead.
     */
    private static final String POOL = "maxConnections=50&firstTokenTimeout=100000";

    private final Set<String> stepThreads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger steps = new AtomicInteger();

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read")
                        .toD("${header.target}")
                        .split(body()).streaming()
                        .process(e -> {
                            stepThreads.add(Thread.currentThread().getName());
                            steps.incrementAndGet();
                            Thread.sleep(20);
                        })
                        .end()
                        .process(e -> stepThreads.add(Thread.currentThread().getName()));
            }
        };
    }

    @Test
    void twoThousandStreamsReadSlowlyNeverRunRouteCodeOnADispatcher() {
        openai.always(Reply.answer());
        assertEveryCallCompletesOffTheDispatchers(openaiUri("stream=true&" + POOL), 4);
    }

    @Test
    void twoThousandPlainJsonAnswersToStreamedRequestsNeverBlockADispatcher() {
        openai.always(Reply.json(200, fixture("openai_chat_response_gpt5mini.json")));
        assertEveryCallCompletesOffTheDispatchers(openaiUri("stream=true&" + POOL), 1);
    }

    private void assertEveryCallCompletesOffTheDispatchers(String uri, int tokensPerAnswer) {
        // a guard against a hang, not a speed target: about 15 s on an idle 2-core machine, 45 s at load 28
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            List<CompletableFuture<Exchange>> inFlight = new ArrayList<>(CALLS);
            for (int i = 0; i < CALLS; i++) {
                Exchange exchange = context.getEndpoint("direct:read").createExchange();
                exchange.getMessage().setBody("hi");
                exchange.getMessage().setHeader("target", uri);
                inFlight.add(template.asyncSend("direct:read", exchange));
            }
            int failed = 0;
            Exception first = null;
            for (CompletableFuture<Exchange> call : inFlight) {
                Exception error = call.get(110, TimeUnit.SECONDS).getException();
                if (error != null) {
                    failed++;
                    first = first == null ? error : first;
                }
            }
            assertEquals(0, failed, "exchanges that failed, the first with " + first);
        });
        assertEquals(CALLS * tokensPerAnswer, steps.get(), "every token reached the route");
        List<String> onDispatchers = stepThreads.stream().filter(name -> name.startsWith("httpclient-")).toList();
        assertTrue(onDispatchers.isEmpty(), "route steps ran on " + onDispatchers);
    }
}
