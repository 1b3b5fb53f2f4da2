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
package io.github.camelinference.simulator;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;

/**
 * The simulator's own rate limit, as a provider keeps one: at most {@code limit} chat requests in any sliding 60 s
 * window (the requests it answered; refused ones do not count). Every chat request's arrival is also kept, refused or
 * not, so a test can ask how many arrived in the busiest window of any length.
 */
final class RateLimitWindow {

    static final long MINUTE_NANOS = 60_000_000_000L;

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();
    private long[] arrivals = new long[1024];
    private int arrivalCount;
    private int limit;
    private long refused;

    /** What the window said about one request: admitted or not, what is left, and when the oldest leaves. */
    record Decision(boolean admitted, int limit, int remaining, long resetNanos) {
    }

    synchronized void limit(int requestsPerMinute) {
        this.limit = requestsPerMinute;
        admitted.clear();
    }

    /** Counts a chat request that arrived now; with a limit set, admits it or not. Null when no limit is set. */
    synchronized Decision arrive(long now) {
        if (arrivalCount == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, arrivals.length * 2);
        }
        arrivals[arrivalCount++] = now;
        if (limit <= 0) {
            return null;
        }
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= MINUTE_NANOS) {
            admitted.pollFirst();
        }
        if (admitted.size() >= limit) {
            refused++;
            return new Decision(false, limit, 0, admitted.peekFirst() + MINUTE_NANOS - now);
        }
        admitted.addLast(now);
        long reset = admitted.peekFirst() + MINUTE_NANOS - now;
        return new Decision(true, limit, limit - admitted.size(), reset);
    }

    synchronized long refused() {
        return refused;
    }

    /** The most chat requests that arrived within any window of this length (sliding), refused ones included. */
    synchronized int maxInAnyWindow(long windowNanos) {
        int max = 0;
        int first = 0;
        for (int last = 0; last < arrivalCount; last++) {
            while (arrivals[last] - arrivals[first] >= windowNanos) {
                first++;
            }
            max = Math.max(max, last - first + 1);
        }
        return max;
    }

    /** The chat requests that arrived so far. */
    synchronized int arrivals() {
        return arrivalCount;
    }

    synchronized void clear() {
        admitted.clear();
        arrivalCount = 0;
        refused = 0;
    }

    /** A duration as OpenAI writes its reset headers: {@code 20ms}, {@code 1.5s}, {@code 6m0s}. */
    static String goDuration(long nanos) {
        long millis = Math.max(0, (nanos + 999_999) / 1_000_000);
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.3fs", millis / 1000.0).replaceAll("\\.?0+s$", "s");
        }
        return (millis / 60_000) + "m" + String.format(Locale.ROOT, "%.3fs", (millis % 60_000) / 1000.0)
                .replaceAll("\\.?0+s$", "s");
    }
}
