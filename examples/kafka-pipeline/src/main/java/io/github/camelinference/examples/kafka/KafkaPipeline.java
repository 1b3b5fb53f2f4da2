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
package io.github.camelinference.examples.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.github.camelinference.camel.inference.ratelimit.redis.RedisRateLimitStore;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs the Kafka pipeline (the YAML routes in {@code src/main/resources/routes/}) with Camel Main.
 * <ul>
 * <li>With {@code KAFKA_BROKERS} (or {@code -Dkafka.brokers}) set, it serves that cluster until stopped: every instance
 * started this way joins the consumer group {@code pipeline.groupId} and shares the prompt topic's partitions.</li>
 * <li>Without, it runs offline: a local single-node KRaft broker and two provider simulators start in-process, the
 * example sends {@code --prompts} prompts, prints what came out, and stops.</li>
 * </ul>
 *
 * <pre>
 * mvn -q -pl examples/kafka-pipeline -am install -DskipTests &amp;&amp; mvn -q -pl examples/kafka-pipeline exec:java
 * KAFKA_BROKERS=kafka1:9092 OPENAI_API_KEY=... HF_TOKEN=... mvn -q -pl examples/kafka-pipeline exec:java
 * </pre>
 */
public final class KafkaPipeline {

    /** What an offline run did. */
    public record Summary(int prompts, int answered, int deadLettered, long duplicates, long millis,
            PipelineOutputs.Outcome sample) {
    }

    private KafkaPipeline() {
    }

    public static void main(String[] args) throws Exception {
        Function<String, String> env = System::getenv;
        String brokers = System.getProperty("kafka.brokers", env.apply("KAFKA_BROKERS"));
        if (brokers != null && !brokers.isBlank()) {
            serve(brokers, env);
            return;
        }
        int prompts = 200;
        for (int i = 0; i < args.length; i++) {
            if ("--prompts".equals(args[i])) {
                prompts = Integer.parseInt(args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option " + args[i] + "; options: --prompts N");
            }
        }
        Summary summary = runOffline(prompts, env, System.out);
        System.exit(summary.answered() + summary.deadLettered() == summary.prompts() ? 0 : 1);
    }

    /** Serves a cluster until the JVM is stopped (or, with {@code -Dpipeline.exitWithParent=true}, stdin closes). */
    static void serve(String brokers, Function<String, String> env) throws Exception {
        try (Providers providers = Providers.resolve(env, System::getProperty)) {
            System.out.println("camel-inference Kafka pipeline on " + brokers + "\n" + providers.describe());
            Main main = new Main();
            main.addInitialProperty("kafka.brokers", brokers);
            providers.properties().forEach(main::addInitialProperty);
            sharedRateLimits(main, System.getProperty("pipeline.redis.uri", env.apply("PIPELINE_REDIS_URI")));
            if (Boolean.getBoolean("pipeline.exitWithParent")) {
                watchParent();
            }
            main.run();
        }
    }

    /**
     * With a Redis URI, the endpoints' {@code requestsPerMinute} limits are counted on Redis, so every instance of the
     * pipeline draws on one bucket per provider account (the component takes the only {@code RateLimitStore} in the
     * registry); without, each instance counts alone. The connection closes when Main stops.
     */
    static void sharedRateLimits(Main main, String redisUri) {
        if (redisUri == null || redisUri.isBlank()) {
            return;
        }
        RedisRateLimitStore store = RedisRateLimitStore.connect(redisUri.trim(), "camel-inference:pipeline:");
        main.bind("rateLimitStore", store);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStop(BaseMainSupport stopped) {
                try {
                    store.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the rate limit store's Redis connection", e);
                }
            }
        });
    }

    /** A child process of a test or benchmark ends when its parent does, even one that crashed. */
    private static void watchParent() {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read; EOF means the parent is gone
                }
            } catch (IOException e) {
                // the same
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * The offline run: a local broker and simulators, the pipeline, {@code prompts} prompts sent to it, and what came
     * out read back and deduplicated by key.
     */
    public static Summary runOffline(int prompts, Function<String, String> env, PrintStream out) throws Exception {
        try (LocalKafka kafka = LocalKafka.start(Files.createTempDirectory("kafka-pipeline"));
             Providers providers = Providers.resolve(env, name -> null)) {
            out.println("camel-inference Kafka pipeline, offline\nbroker   local KRaft at " + kafka.bootstrapServers()
                        + "\n" + providers.describe() + "\n");
            kafka.createTopics(4, "prompts", "answers", "prompts-dlt");
            AtomicReference<Summary> result = new AtomicReference<>();
            AtomicReference<Exception> failure = new AtomicReference<>();
            Main main = new Main();
            main.addInitialProperty("kafka.brokers", kafka.bootstrapServers());
            providers.properties().forEach(main::addInitialProperty);
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterStart(BaseMainSupport started) {
                    Thread traffic = new Thread(() -> {
                        try {
                            result.set(drive(kafka.bootstrapServers(), prompts, out));
                        } catch (Exception e) {
                            failure.set(e);
                        } finally {
                            main.completed();
                        }
                    }, "example-traffic");
                    traffic.start();
                }
            });
            main.run();
            if (failure.get() != null) {
                throw failure.get();
            }
            return result.get();
        }
    }

    private static Summary drive(String brokers, int prompts, PrintStream out) throws Exception {
        long start = System.nanoTime();
        sendPrompts(brokers, "prompts", prompts, "Request");
        out.println("sent " + prompts + " prompts to topic prompts");
        try (PipelineOutputs outputs = new PipelineOutputs(brokers, "answers", "prompts-dlt")) {
            int seen = outputs.readUntil(n -> n >= prompts, Duration.ofMinutes(5));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            PipelineOutputs.Outcome sample = outputs.outcomes().values().stream()
                    .filter(PipelineOutputs.Outcome::answered).findFirst().orElse(null);
            Summary summary = new Summary(
                    prompts, outputs.answered(), outputs.deadLettered(), outputs.duplicates(),
                    millis, sample);
            out.printf("%d of %d prompts came out in %d ms: %d answered, %d dead-lettered, %d duplicates%n", seen,
                    prompts, millis, summary.answered(), summary.deadLettered(), summary.duplicates());
            if (sample != null) {
                out.println("\none answer record (topic answers, key " + sample.key() + "):");
                for (Map.Entry<String, String> header : sample.headers().entrySet()) {
                    out.printf("  %-28s %s%n", header.getKey(), header.getValue());
                }
                out.println("  body: " + abbreviate(sample.body()));
            }
            return summary;
        }
    }

    /** Sends {@code count} prompts ({@code "<prefix> <i>: ..."}) to a topic and waits until the broker has them all. */
    public static void sendPrompts(String brokers, String topic, int count, String prefix) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(
                        topic, prefix + "-" + i, prefix + " " + i
                                                 + ": classify this support ticket in one word: 'my refund has not arrived'"));
            }
            producer.flush();
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "(none)";
        }
        String flat = text.replace('\n', ' ');
        return flat.length() <= 100 ? flat : flat.substring(0, 100) + "...";
    }
}
