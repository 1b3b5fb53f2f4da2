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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.camel.inference.ratelimit.RateLimitStore;
import io.github.camelinference.camel.inference.ratelimit.redis.RedisRateLimitStore;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.LocalRedis;
import io.github.camelinference.simulator.ProviderSimulator;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * The {@code ratelimit} scenario: two service instances (two CamelContexts, each its own component and producer) call
 * one provider account limited to R requests in any sliding minute, offered three times R between them, in five set-ups
 * side by side, each against a simulator of its own: the shared Redis limiter with and without learning from the
 * provider's headers, each instance with its own in-memory limiter of R with and without learning, and no limiter.
 * Reports per set-up the busiest 60 s window the provider saw (its overshoot over R) and the 429s it sent.
 * <p>
 * Runs in this JVM (the calls are a few per second; the simulators are Netty servers on loopback) with a redis-server
 * of its own on a free loopback port. Every set-up runs for the same {@code --seconds} (default 70: a window of a full
 * minute after the first seconds, when the buckets start full).
 */
final class RateLimitBenchmark {

    private RateLimitBenchmark() {
    }

    /** One set-up: how its two instances keep their limit. */
    private record Setup(String name, boolean shared, boolean limited, boolean learn) {
    }

    private static final List<Setup> SETUPS = List.of(
            new Setup("shared Redis limiter, learns headers (default)", true, true, true),
            new Setup("shared Redis limiter, headers ignored", true, true, false),
            new Setup("own in-memory limiter each, learns headers", false, true, true),
            new Setup("own in-memory limiter each, headers ignored", false, true, false),
            new Setup("no limiter", false, false, false));

    /** One instance: its CamelContext, producer, and what its calls came to. */
    private static final class Instance implements AutoCloseable {
        final CamelContext camel = new DefaultCamelContext();
        final AsyncProducer producer;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger refusedHere = new AtomicInteger();
        final AtomicInteger refusedByProvider = new AtomicInteger();
        final AtomicInteger otherErrors = new AtomicInteger();
        volatile String firstError;

        Instance(RateLimitStore store, String uri) throws Exception {
            InferenceComponent component = new InferenceComponent();
            component.setEnvironment(name -> null);
            if (store != null) {
                component.setRateLimitStore(store);
            }
            camel.addComponent("inference", component);
            camel.start();
            producer = camel.getEndpoint(uri).createAsyncProducer();
            producer.start();
        }

        void offer(CountDownLatch outstanding) {
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody("Hello");
            producer.process(exchange, doneSync -> {
                Exception error = exchange.getException();
                if (error == null) {
                    answered.incrementAndGet();
                } else if (error instanceof RateLimitedException limited) {
                    (limited.isClientSide() ? refusedHere : refusedByProvider).incrementAndGet();
                } else {
                    otherErrors.incrementAndGet();
                    if (firstError == null) {
                        firstError = error.toString();
                    }
                }
                outstanding.countDown();
            });
        }

        @Override
        public void close() {
            camel.stop();
        }
    }

    static void run(double seconds, int rpm) throws Exception {
        Duration run = Duration.ofMillis((long) (seconds * 1000));
        int offersPerSecondEach = Math.max(1, (int) Math.round(3.0 * rpm / 60 / 2));
        long offerEveryMicros = 1_000_000L / offersPerSecondEach;
        int offersEach = (int) (run.toNanos() / 1000 / offerEveryMicros);
        System.out.printf("ratelimit: R=%d rpm, two instances offering %d calls/s each (3R together) for %.0f s,"
                          + " five set-ups side by side%n",
                rpm, offersPerSecondEach, seconds);
        LocalRedis redis = LocalRedis.start();
        List<AutoCloseable> closing = new ArrayList<>();
        try {
            String redisUri = redis.uri();
            List<ProviderSimulator> providers = new ArrayList<>();
            List<List<Instance>> pairs = new ArrayList<>();
            for (Setup setup : SETUPS) {
                ProviderSimulator provider = ProviderSimulator.start(Flavour.OPENAI).recording(false).rateLimit(rpm);
                closing.add(provider);
                providers.add(provider);
                String uri = "inference:openai?baseUrl=" + provider.baseUrl() + "&apiKey=sk-bench"
                             + (setup.limited
                                     ? "&requestsPerMinute=" + rpm + "&rateLimitAccount=bench-"
                                       + pairs.size() + "&rateLimitFromHeaders=" + setup.learn
                                     : "");
                List<Instance> pair = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    RateLimitStore store = null;
                    if (setup.shared) {
                        RedisRateLimitStore redisStore = RedisRateLimitStore.connect(redisUri, "bench:");
                        closing.add(redisStore);
                        store = redisStore;
                    }
                    Instance instance = new Instance(store, uri);
                    closing.add(instance);
                    pair.add(instance);
                }
                pairs.add(pair);
            }
            CountDownLatch outstanding = new CountDownLatch(offersEach * 2 * SETUPS.size());
            ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger ticks = new AtomicInteger();
            long start = System.nanoTime();
            driver.scheduleAtFixedRate(() -> {
                if (ticks.getAndIncrement() < offersEach) {
                    pairs.forEach(pair -> pair.forEach(instance -> instance.offer(outstanding)));
                }
            }, 0, offerEveryMicros, TimeUnit.MICROSECONDS);
            boolean ended = outstanding.await(run.toSeconds() + 60, TimeUnit.SECONDS);
            driver.shutdownNow();
            double took = (System.nanoTime() - start) / 1e9;
            if (!ended) {
                System.out.println("WARNING: not every offered call ended within a minute after the run");
            }

            StringBuilder md = new StringBuilder();
            md.append(String.format(Locale.ROOT, "Run %s on %d cores, Java %s: R = %d requests per minute (each"
                                                 + " simulator refuses past R in any sliding 60 s window), two instances offering %d calls/s each"
                                                 + " (%d calls each, %.1f s), every set-up side by side against its own simulator.%n%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    rpm, offersPerSecondEach, offersEach, took));
            md.append("| set-up | provider received | busiest 60 s window | overshoot over R | 429s sent"
                      + " | answered | refused by our limiter | other errors |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (int s = 0; s < SETUPS.size(); s++) {
                ProviderSimulator provider = providers.get(s);
                List<Instance> pair = pairs.get(s);
                int busiest = provider.maxRequestsInAnyWindow(Duration.ofMinutes(1));
                int over = busiest - rpm;
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %+d (%+.1f %%) | %d | %d | %d | %d |%n",
                        SETUPS.get(s).name, provider.chatRequestsReceived(), busiest, over, 100.0 * over / rpm,
                        provider.rateLimitedReplies(), sum(pair, 0), sum(pair, 1), sum(pair, 3)));
                for (Instance instance : pair) {
                    if (instance.firstError != null) {
                        md.append("\nfirst other error of ").append(SETUPS.get(s).name).append(": ")
                                .append(instance.firstError).append('\n');
                        break;
                    }
                }
            }
            System.out.println();
            System.out.print(md);
            Path out = Path.of("target", "ratelimit-results.md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
            System.out.println("\n(written to " + out.toAbsolutePath() + ")");
        } finally {
            for (int i = closing.size() - 1; i >= 0; i--) {
                try {
                    closing.get(i).close();
                } catch (Exception e) {
                    System.out.println("closing: " + e);
                }
            }
            redis.close();
        }
    }

    private static int sum(List<Instance> pair, int what) {
        int total = 0;
        for (Instance instance : pair) {
            total += switch (what) {
                case 0 -> instance.answered.get();
                case 1 -> instance.refusedHere.get();
                case 2 -> instance.refusedByProvider.get();
                default -> instance.otherErrors.get();
            };
        }
        return total;
    }
}
