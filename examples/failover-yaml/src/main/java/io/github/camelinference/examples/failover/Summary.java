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
package io.github.camelinference.examples.failover;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Collects outcomes and breaker transitions as they happen, and prints the closing summary. */
final class Summary {

    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> transitions = new ConcurrentLinkedQueue<>();

    void add(Outcome outcome) {
        outcomes.add(outcome);
    }

    void transition(String text) {
        transitions.add(text);
    }

    List<Outcome> outcomes() {
        return new ArrayList<>(outcomes);
    }

    List<String> transitions() {
        return new ArrayList<>(transitions);
    }

    int count() {
        return outcomes.size();
    }

    long answered() {
        return outcomes.stream().filter(o -> o.error() == null).count();
    }

    long servedBy(String provider) {
        return outcomes.stream().filter(o -> provider.equals(o.provider())).count();
    }

    long fallbacks() {
        return outcomes.stream().filter(Outcome::fallback).count();
    }

    void print(PrintStream out, int concurrency, long elapsedMillis) {
        List<Outcome> all = outcomes();
        long[] latencies = all.stream().filter(o -> o.error() == null).mapToLong(Outcome::latencyMillis).sorted().toArray();
        Map<String, Long> backends = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long attempts = 0;
        long prompt = 0;
        long completion = 0;
        for (Outcome o : all) {
            attempts += o.attempts();
            prompt += o.promptTokens();
            completion += o.completionTokens();
            if (o.error() == null) {
                backends.merge(o.provider() + "/" + o.backend(), 1L, Long::sum);
            } else {
                errors.merge(o.error(), 1L, Long::sum);
            }
        }
        out.printf("%nSummary: %d requests, concurrency %d, %.1f s%n", all.size(), concurrency, elapsedMillis / 1000.0);
        out.printf("  answered        %d   failed %d   lost %d%n", answered(), all.size() - answered(), 0);
        out.printf("  served by       openai %d   huggingface %d   (%s)%n", servedBy("openai"), servedBy("huggingface"),
                backends);
        out.printf("  fallbacks       %d%n", fallbacks());
        out.printf("  provider calls  %d (%d more than requests: retries and fallbacks)%n", attempts, attempts - all.size());
        out.printf("  breaker chat    %s%n", transitions.isEmpty() ? "stayed CLOSED" : String.join(", ", transitions));
        out.printf("  tokens          prompt %d   completion %d%n", prompt, completion);
        if (latencies.length > 0) {
            out.printf("  latency ms      p50 %d   p99 %d   max %d%n", percentile(latencies, 50),
                    percentile(latencies, 99), latencies[latencies.length - 1]);
        }
        errors.forEach((error, n) -> out.printf("  error           %d x %s%n", n, error));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    @Override
    public String toString() {
        return "Summary" + Arrays.asList(count(), answered(), fallbacks());
    }
}
