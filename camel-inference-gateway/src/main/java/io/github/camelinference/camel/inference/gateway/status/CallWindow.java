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
package io.github.camelinference.camel.inference.gateway.status;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One provider's calls over the last few minutes: per-minute buckets in a ring, each counting calls and errors with
 * {@link LongAdder}s and latencies in a fixed histogram of {@link LongAdder}s. Recording takes no lock and allocates
 * only once a minute (the new bucket), so the hot path never contends on one counter; reading sums the live buckets.
 * Percentiles are the upper bound of the histogram bucket they fall in (buckets grow by 2^(1/4), so at most 19 % high),
 * capped by the largest latency seen.
 */
final class CallWindow {

    /** Upper bounds (ms, inclusive) of the latency buckets: 1 ms to 10 min growing by 2^(1/4), then one overflow. */
    static final long[] BOUNDS = bounds();

    private final int minutes;
    private final LongSupplier clock;
    private final AtomicReferenceArray<Minute> ring;

    /** A window over the last {@code minutes} minutes (the current one included), read from {@code clock} (ms). */
    CallWindow(int minutes, LongSupplier clock) {
        if (minutes < 1) {
            throw new IllegalArgumentException("a call window spans at least 1 minute, was " + minutes);
        }
        this.minutes = minutes;
        this.clock = clock;
        this.ring = new AtomicReferenceArray<>(minutes);
    }

    void record(long latencyMillis, boolean error) {
        Minute minute = current();
        if (minute == null) {
            return;
        }
        minute.calls.increment();
        if (error) {
            minute.errors.increment();
        }
        long millis = Math.max(0, latencyMillis);
        minute.latencies[bucket(millis)].increment();
        minute.max.accumulate(millis);
    }

    /** The current minute's bucket, replacing the one a full turn of the ring ago; null for a late clock reading. */
    private Minute current() {
        long now = clock.getAsLong() / 60_000;
        int slot = (int) Math.floorMod(now, (long) minutes);
        while (true) {
            Minute minute = ring.get(slot);
            if (minute != null && minute.epochMinute == now) {
                return minute;
            }
            if (minute != null && minute.epochMinute > now) {
                return null; // why: a caller that read the clock just before a turn; its sample is not worth a lock
            }
            Minute fresh = new Minute(now);
            if (ring.compareAndSet(slot, minute, fresh)) {
                return fresh;
            }
        }
    }

    /** What the live buckets hold: calls, errors and latency percentiles over the window. */
    Stats stats() {
        long now = clock.getAsLong() / 60_000;
        long calls = 0;
        long errors = 0;
        long max = 0;
        long[] counts = new long[BOUNDS.length];
        for (int i = 0; i < minutes; i++) {
            Minute minute = ring.get(i);
            if (minute == null || minute.epochMinute <= now - minutes || minute.epochMinute > now) {
                continue;
            }
            calls += minute.calls.sum();
            errors += minute.errors.sum();
            max = Math.max(max, minute.max.get());
            for (int b = 0; b < counts.length; b++) {
                counts[b] += minute.latencies[b].sum();
            }
        }
        return new Stats(calls, errors, percentile(counts, 0.50, max), percentile(counts, 0.99, max));
    }

    /** The latency at quantile {@code q}, or null when nothing was recorded. */
    private static Long percentile(long[] counts, double q, long max) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int b = 0; b < counts.length; b++) {
            seen += counts[b];
            if (seen >= rank) {
                return Math.min(BOUNDS[b], max);
            }
        }
        return max;
    }

    static int bucket(long millis) {
        int found = Arrays.binarySearch(BOUNDS, millis);
        return found >= 0 ? found : -found - 1;
    }

    private static long[] bounds() {
        long[] bounds = new long[128];
        int n = 0;
        for (int i = 0; n == 0 || bounds[n - 1] < 600_000; i++) {
            long bound = (long) Math.ceil(Math.pow(2, i / 4.0));
            if (n == 0 || bound > bounds[n - 1]) {
                bounds[n++] = bound;
            }
        }
        bounds[n++] = Long.MAX_VALUE;
        return Arrays.copyOf(bounds, n);
    }

    /**
     * A provider's calls over the window.
     *
     * @param p50Millis median latency (ms), null without calls
     * @param p99Millis 99th percentile latency (ms), null without calls
     */
    record Stats(long calls, long errors, Long p50Millis, Long p99Millis) {

        /** Errors per call, null without calls. */
        Double errorRate() {
            return calls == 0 ? null : (double) errors / calls;
        }
    }

    private static final class Minute {

        final long epochMinute;
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder[] latencies = new LongAdder[BOUNDS.length];
        final LongAccumulator max = new LongAccumulator(Math::max, 0);

        Minute(long epochMinute) {
            this.epochMinute = epochMinute;
            for (int i = 0; i < latencies.length; i++) {
                latencies[i] = new LongAdder();
            }
        }
    }
}
