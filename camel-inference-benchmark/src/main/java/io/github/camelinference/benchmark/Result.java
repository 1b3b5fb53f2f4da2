package io.github.camelinference.benchmark;

/** What one contestant did in one scenario. */
record Result(String scenario, String client, int concurrency, double seconds, long calls, long errors,
              Stats latency, Stats timeToFirstToken, int peakThreads, int threadsAdded, double heapKbPerCallInFlight) {

    double throughput() {
        return calls / seconds;
    }
}
