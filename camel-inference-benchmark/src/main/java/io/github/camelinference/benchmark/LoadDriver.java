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
package io.github.camelinference.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * A closed loop: {@code concurrency} calls in flight at all times, each completion starting the next, for a warm-up and
 * then a measured period. It starts calls from completion callbacks, so it adds no thread of its own per call: the
 * threads counted are the contestant's.
 */
final class LoadDriver {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** Calls started at once when the loop starts; more than this are started 200 ms apart, a batch at a time. */
    private static final int RAMP_BATCH = 2000;

    private LoadDriver() {
    }

    /**
     * @param upstreamRequests reads how many requests the simulators have received (negative when it cannot), or null:
     *                         read when the measured period starts and ends, it gives the upstream requests per call
     *                         (hedges, retries)
     */
    static Result run(
            String scenario, Client client, int concurrency, double warmupSeconds, double seconds,
            boolean measureHeap, LongSupplier upstreamRequests)
            throws InterruptedException {
        // the loop's latency arrays (64 MB) exist before the idle heap is read: they are the driver's, not the calls'
        Loop loop = new Loop(client, concurrency, 4_000_000);
        int idleThreads = THREADS.getThreadCount();
        long idleHeap = measureHeap ? usedHeapAfterGc() : 0;
        loop.start();
        Thread.sleep((long) (warmupSeconds * 1000));
        // the count is read across the start (a read takes a while on a loaded machine: calls that complete during
        // it start calls whose requests fall on one side or the other), and after the end, when no call starts
        long readBefore = upstreamRequests == null ? 0 : upstreamRequests.getAsLong();
        loop.startMeasuring();
        // the orchestrating JVM reads the gateway's CPU time at these two lines (its CPU per call)
        System.out.println("MEASURING");
        long readAfter = upstreamRequests == null ? 0 : upstreamRequests.getAsLong();
        long upstreamBefore = readBefore < 0 || readAfter < 0 ? -1 : (readBefore + readAfter) / 2;
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        int peakThreads = 0;
        double heapPerCall = Double.NaN;
        long end = start + (long) (seconds * 1e9);
        boolean heapTaken = !measureHeap;
        while (System.nanoTime() < end) {
            Thread.sleep(100);
            peakThreads = Math.max(peakThreads, THREADS.getThreadCount());
            if (!heapTaken && System.nanoTime() - start > (end - start) / 2) {
                // half-way, with every call in flight: what the live calls hold, per call
                int inFlight = loop.inFlight.get();
                heapPerCall = (usedHeapAfterGc() - idleHeap) / 1024.0 / Math.max(1, inFlight);
                heapTaken = true;
            }
        }
        double measured = (System.nanoTime() - start) / 1e9;
        // CPU per call (this JVM's, the driver's share included): steadier than calls/s on a busy machine, so a
        // change to the client can be compared while something else runs; printed, not tabled
        long cpuUsed = processCpuNanos() - cpuStart;
        System.out.println("MEASURED\t" + loop.calls.get());
        System.out.printf(Locale.ROOT, "CPU PER CALL\t%.1f us%n", cpuUsed / 1e3 / Math.max(1, loop.calls.get()));
        Result result = loop.stop(scenario, client.name(), concurrency, measured, peakThreads,
                peakThreads - idleThreads, heapPerCall);
        if (upstreamRequests != null) {
            // a closed loop starts one call per completion, so the calls started in the period are the calls
            // completed in it; each made its first request in the period too, so what is over one per call is
            // retries and hedges (give or take those of the calls in flight at either end)
            long upstream = upstreamRequests.getAsLong() - upstreamBefore;
            long calls = loop.calls.get();
            boolean counted = upstreamBefore >= 0 && upstream + upstreamBefore >= 0;
            result = new Result(
                    result.scenario(), result.client(), result.concurrency(), result.throughput(),
                    result.errors(), result.p50(), result.p99(), result.p999(), result.firstTokenP50(),
                    result.peakThreads(), result.threadsAdded(), result.heapKbPerCallInFlight(),
                    calls == 0 || !counted ? Double.NaN : (double) upstream / calls);
        }
        Throwable error = loop.firstError.get();
        if (error != null) {
            // the orchestrating JVM prints it under the row
            System.out.println("FIRST ERROR\t" + rootCause(error));
        }
        loop.awaitDrain();
        return result;
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == error ? error.toString() : error + " (cause: " + cause + ")";
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static final class Loop {
        private final Client client;
        private final int concurrency;
        private final long[] latencies;
        private final long[] firstTokens;
        private final AtomicInteger recorded = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong errors = new AtomicLong();
        /** The first failure while measuring, to say what the errors were. */
        private final AtomicReference<Throwable> firstError = new AtomicReference<>();
        /** Calls completed (answered or failed) while measuring, all counted, unlike the latency samples. */
        private final AtomicLong calls = new AtomicLong();
        private final AtomicLong sequence = new AtomicLong();
        private final CountDownLatch drained;
        private volatile boolean running = true;
        private volatile boolean measuring;

        Loop(Client client, int concurrency, int capacity) {
            this.client = client;
            this.concurrency = concurrency;
            this.latencies = new long[capacity];
            this.firstTokens = new long[capacity];
            this.drained = new CountDownLatch(concurrency);
        }

        void start() throws InterruptedException {
            for (int i = 0; i < concurrency; i++) {
                if (i > 0 && i % RAMP_BATCH == 0) {
                    // why: a burst of connects beyond the simulator's accept backlog (4,096) is dropped, and TCP
                    // retries it only after a second or more, which a client's connect timeout may not wait for
                    Thread.sleep(200);
                }
                next();
            }
        }

        void startMeasuring() {
            recorded.set(0);
            errors.set(0);
            calls.set(0);
            measuring = true;
        }

        private void next() {
            if (!running) {
                drained.countDown();
                return;
            }
            long start = System.nanoTime();
            inFlight.incrementAndGet();
            String prompt = "benchmark question " + sequence.incrementAndGet() + " about order 4711";
            client.call(prompt).whenComplete((firstTokenAt, failure) -> {
                long now = System.nanoTime();
                inFlight.decrementAndGet();
                if (measuring) {
                    calls.incrementAndGet();
                    if (failure != null) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, failure);
                    } else {
                        int slot = recorded.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = now - start;
                            firstTokens[slot] = firstTokenAt - start;
                        }
                    }
                }
                next();
            });
        }

        Result stop(
                String scenario, String name, int concurrency, double seconds, int peakThreads, int added,
                double heapPerCall) {
            measuring = false;
            running = false;
            int count = Math.min(recorded.get(), latencies.length);
            return Result.of(scenario, name, concurrency, seconds, count, errors.get(), new Stats(latencies, count),
                    new Stats(firstTokens, count), peakThreads, added, heapPerCall, Double.NaN);
        }

        void awaitDrain() throws InterruptedException {
            drained.await(60, TimeUnit.SECONDS);
        }
    }
}
