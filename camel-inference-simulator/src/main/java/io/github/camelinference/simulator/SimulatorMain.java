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

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line, on 127.0.0.1 only, until interrupted:
 *
 * <pre>
 * mvn -q -pl camel-inference-simulator exec:java -Dexec.args="--port 8089 --flavour openai --latency-ms 50-200 --pace-ms 20"
 * </pre>
 *
 * {@code --slow-fraction 0.05 --slow-ms 10000} makes that share of requests (drawn at random) wait 10 s instead of
 * {@code --latency-ms}: a provider with a long tail, as the hedging benchmark needs. {@code --rate-limit-rpm 600}
 * refuses chat requests past 600 in any sliding minute with a 429 and OpenAI's rate-limit headers.
 * {@code --faults 429=0.1,5xx=0.05,cut=0.05} answers that share of requests with a 429 ({@code Retry-After:
 * --retry-after-s}, default 1), a 5xx, or a stream cut mid-way, drawn from {@code --fault-seed} (default 42); see
 * {@link FaultMix}. Requests are counted, not kept: {@code GET /simulator/requests} answers {@code {"requests": N,
 * ...}}, every request received since the start, and the chat requests, their busiest minute and the 429s sent.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8089;
        Flavour flavour = Flavour.OPENAI;
        Reply answer = Reply.answer();
        FaultMix mix;
        double slowFraction = 0;
        long slowMillis = 0;
        int rateLimit = 0;
        String faultShares = null;
        long faultSeed = 42;
        long retryAfterSeconds = 1;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[++i]);
                    case "--flavour" -> flavour = Flavour.valueOf(args[++i].toUpperCase(Locale.ROOT));
                    case "--latency-ms" -> {
                        String[] range = args[++i].split("-");
                        long min = Long.parseLong(range[0]);
                        long max = range.length > 1 ? Long.parseLong(range[1]) : min;
                        answer = answer.delayedBetween(Duration.ofMillis(min), Duration.ofMillis(max));
                    }
                    case "--pace-ms" -> answer = answer.paced(Duration.ofMillis(Long.parseLong(args[++i])));
                    case "--slow-fraction" -> slowFraction = Double.parseDouble(args[++i]);
                    case "--slow-ms" -> slowMillis = Long.parseLong(args[++i]);
                    case "--rate-limit-rpm" -> rateLimit = Integer.parseInt(args[++i]);
                    case "--faults" -> faultShares = args[++i];
                    case "--fault-seed" -> faultSeed = Long.parseLong(args[++i]);
                    case "--retry-after-s" -> retryAfterSeconds = Long.parseLong(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (slowFraction > 0) {
                answer = answer.sometimesDelayed(slowFraction, Duration.ofMillis(slowMillis));
            }
            mix = faultShares == null ? null : faultMix(faultShares, faultSeed, retryAfterSeconds);
        } catch (RuntimeException e) {
            System.err.println(e.getMessage() + "\nusage: SimulatorMain [--port N] [--flavour openai|huggingface|azure]"
                               + " [--latency-ms MIN[-MAX]] [--pace-ms N] [--slow-fraction F --slow-ms N]"
                               + " [--rate-limit-rpm R]"
                               + " [--faults 429=F,5xx=F,cut=F [--fault-seed N] [--retry-after-s N]]");
            System.exit(2);
            return;
        }
        ProviderSimulator simulator = ProviderSimulator.start(flavour, port).recording(false).always(answer)
                .rateLimit(rateLimit).faults(mix);
        System.out.println("Simulating " + flavour + " at " + simulator.baseUrl() + (mix == null ? "" : " with " + mix)
                           + " (Ctrl-C to stop)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** Parses {@code 429=0.1,5xx=0.05,cut=0.05} into a fault mix. */
    private static FaultMix faultMix(String shares, long seed, long retryAfterSeconds) {
        FaultMix mix = FaultMix.seeded(seed);
        for (String entry : shares.split(",")) {
            String[] pair = entry.trim().split("=");
            if (pair.length != 2) {
                throw new IllegalArgumentException("--faults takes kind=share pairs such as 429=0.1,5xx=0.05,cut=0.05");
            }
            double share = Double.parseDouble(pair[1]);
            switch (pair[0]) {
                case "429" -> mix.rateLimited(share, Duration.ofSeconds(retryAfterSeconds));
                case "5xx" -> mix.serverErrors(share);
                case "cut" -> mix.cutStreams(share);
                default -> throw new IllegalArgumentException("unknown fault " + pair[0] + "; faults: 429, 5xx, cut");
            }
        }
        return mix;
    }
}
