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

import java.util.Locale;

/**
 * What one contestant did in one scenario, as the figures the table shows (milliseconds). {@code upstreamPerCall}:
 * requests the simulators received during the measured period per call completed (NaN when not counted).
 */
record Result(String scenario, String client, int concurrency, double throughput, long errors, double p50,
        double p99, double p999, double firstTokenP50, int peakThreads, int threadsAdded,
        double heapKbPerCallInFlight, double upstreamPerCall) {

    static Result of(
            String scenario, String client, int concurrency, double seconds, long calls, long errors,
            Stats latency, Stats firstToken, int peakThreads, int threadsAdded, double heapKb,
            double upstreamPerCall) {
        return new Result(
                scenario, client, concurrency, calls / seconds, errors, latency.percentileMillis(50),
                latency.percentileMillis(99), latency.percentileMillis(99.9), firstToken.percentileMillis(50),
                peakThreads, threadsAdded, heapKb, upstreamPerCall);
    }

    /** The same figures under another client name (a row's label). */
    Result named(String name) {
        return new Result(
                scenario, name, concurrency, throughput, errors, p50, p99, p999, firstTokenP50, peakThreads,
                threadsAdded, heapKbPerCallInFlight, upstreamPerCall);
    }

    /** One line a child JVM prints and the orchestrating one reads back. */
    String toLine() {
        return String.join("\t", "RESULT", scenario, client, String.valueOf(concurrency), num(throughput),
                String.valueOf(errors), num(p50), num(p99), num(p999), num(firstTokenP50),
                String.valueOf(peakThreads), String.valueOf(threadsAdded), num(heapKbPerCallInFlight), num(upstreamPerCall));
    }

    static Result fromLine(String line) {
        String[] f = line.split("\t");
        return new Result(
                f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]), Long.parseLong(f[5]),
                Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                Double.parseDouble(f[9]), Integer.parseInt(f[10]), Integer.parseInt(f[11]), Double.parseDouble(f[12]),
                Double.parseDouble(f[13]));
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
