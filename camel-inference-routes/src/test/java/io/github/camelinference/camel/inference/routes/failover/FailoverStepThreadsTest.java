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
package io.github.camelinference.camel.inference.routes.failover;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls in flight through the failover step cost no threads: 1,000 of them, retries and fallback included. */
class FailoverStepThreadsTest extends InferenceTestSupport {

    private static final int IN_FLIGHT = 1_000;
    /** What may appear besides the warmed-up pools: JIT, GC and timer threads of the JVM come and go. */
    private static final int HANDFUL = 8;

    @Simulator(Flavour.OPENAI)
    private static ProviderSimulator primary;
    @Simulator(Flavour.HUGGINGFACE)
    private static ProviderSimulator fallback;

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat")
                        .loadBalance(new InferenceFailover().retryDelay(100).minimumNumberOfCalls(100_000))
                        .to("inference:openai?apiKey=sk-test&baseUrl=" + primary.baseUrl())
                        .to("inference:huggingface?apiKey=hf_test&model=openai/gpt-oss-120b&baseUrl="
                            + fallback.baseUrl())
                        .end();
            }
        };
    }

    @Test
    void athousandCallsInFlightWithRetriesAndFallbackAddNoMoreThanAHandfulOfThreads() throws Exception {
        AsyncProcessor chat = AsyncProcessorConverterHelper.convert(
                context.getEndpoint("direct:chat").createProducer());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        sendAll(chat, 64); // warm up: pools, connections and JIT reach their working size
        int before = threads.getThreadCount();

        // each call: 600 ms on the primary, a 503 with a 100 ms retry wait, then the fallback after 500 ms
        primary.always(Reply.json(503, "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}")
                .delayed(Duration.ofMillis(600)));
        fallback.always(Reply.answer().delayed(Duration.ofMillis(500)));
        int peak = before;
        ConcurrentLinkedQueue<Exchange> done = new ConcurrentLinkedQueue<>();
        CountDownLatch all = start(chat, IN_FLIGHT, done);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!all.await(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            peak = Math.max(peak, threads.getThreadCount());
        }

        assertEquals(IN_FLIGHT, done.size());
        List<Exchange> failed = done.stream().filter(e -> e.getException() != null).toList();
        assertTrue(failed.isEmpty(), failed.size() + " failed, e.g. " + (failed.isEmpty()
                ? null
                : failed.get(0).getException()));
        assertTrue(done.stream().allMatch(e -> "huggingface".equals(
                e.getMessage().getHeader("CamelInferenceProvider"))));
        assertTrue(peak - before <= HANDFUL, "threads before " + before + ", peak " + peak);
    }

    private void sendAll(AsyncProcessor chat, int count) throws InterruptedException {
        ConcurrentLinkedQueue<Exchange> done = new ConcurrentLinkedQueue<>();
        assertTrue(start(chat, count, done).await(30, TimeUnit.SECONDS));
    }

    /** Starts the calls from this one thread: the step and the producer return at once, callbacks do the rest. */
    private CountDownLatch start(AsyncProcessor chat, int count, ConcurrentLinkedQueue<Exchange> done) {
        CountDownLatch latch = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            Exchange exchange = new DefaultExchange(context);
            exchange.getMessage().setBody("Hello " + i);
            chat.process(exchange, doneSync -> {
                done.add(exchange);
                latch.countDown();
            });
        }
        return latch;
    }
}
