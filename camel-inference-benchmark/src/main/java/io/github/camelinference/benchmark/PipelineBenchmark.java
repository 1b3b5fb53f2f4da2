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

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.examples.kafka.AnswerRecords;
import io.github.camelinference.examples.kafka.KafkaPipeline;
import io.github.camelinference.examples.kafka.LocalKafka;
import io.github.camelinference.examples.kafka.PipelineOutputs;
import io.github.camelinference.simulator.LocalRedis;

/**
 * End-to-end throughput of the Kafka pipeline example: prompts produced to a topic, answers read back from the answer
 * topic, with 1 and with 2 pipeline instances (each a JVM of its own, one consumer group) against two simulators in
 * JVMs of their own and a single-node KRaft broker in another.
 *
 * <pre>
 * java -cp target/classes:$(cat target/classpath.txt) io.github.camelinference.benchmark.PipelineBenchmark \
 *     [--instances 1,2] [--prompts 20000] [--warmup 2000] [--max-in-flight 200] [--consumers 2] [--partitions 8]
 *     [--simulator-args "--latency-ms 50"] [--pipeline-property name=value]... [--redis]
 * </pre>
 *
 * prompts/s is the measured prompts over the time from the first prompt sent to the last answer record written (its
 * timestamp); latency is per prompt, from the prompt record's timestamp to its answer record's.
 * <p>
 * The rate-limited variant: {@code --simulator-args "--rate-limit-rpm R"} limits each simulator (one provider account
 * each) to R requests in any sliding minute, {@code --pipeline-property openai.requestsPerMinute=R} (and {@code hf.})
 * sets the endpoints' limits, and {@code --redis} starts a redis-server that every instance counts those limits on.
 * Each row then also reports what the providers received, their busiest minute and the 429s they sent.
 */
public final class PipelineBenchmark {

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> instanceCounts = List.of(1, 2);
        int prompts = 20_000;
        int warmup = 2_000;
        int maxInFlight = 200;
        int consumers = 2;
        int partitions = 8;
        long latencyMillis = 0;
        List<String> simulatorArgs = new ArrayList<>();
        List<String> pipelineProperties = new ArrayList<>();
        boolean sharedLimits = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--instances" -> instanceCounts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt)
                        .toList();
                case "--prompts" -> prompts = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(args[++i]);
                case "--consumers" -> consumers = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latencyMillis = Long.parseLong(args[++i]);
                case "--simulator-args" -> simulatorArgs.addAll(List.of(args[++i].trim().split("\\s+")));
                case "--pipeline-property" -> pipelineProperties.add(args[++i]);
                case "--redis" -> sharedLimits = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        // the instances' logs stay in target/pipeline-benchmark/ for a look afterwards; the broker removes its data
        Path work = Files.createDirectories(Path.of("target", "pipeline-benchmark"));
        List<Process> processes = new ArrayList<>();
        // --redis: a redis-server of the run's own, and every instance counts the accounts' rate limits on it
        LocalRedis redis = sharedLimits ? LocalRedis.start() : null;
        if (redis != null) {
            pipelineProperties.add("pipeline.redis.uri=" + redis.uri());
        }
        try {
            String brokers = startBroker(work.resolve("kafka-" + System.currentTimeMillis()), processes);
            System.out.printf("pipeline benchmark: %d prompts measured after %d warm-up, max %d in flight per consumer,"
                              + " %d consumers per instance, %d partitions, simulators at %d ms (streams paced 2 ms)"
                              + "%s%s%n",
                    prompts, warmup, maxInFlight, consumers, partitions, latencyMillis,
                    simulatorArgs.isEmpty() ? "" : ", simulators " + simulatorArgs,
                    pipelineProperties.isEmpty() ? "" : ", pipeline " + pipelineProperties);
            System.out.println("| instances | prompts | seconds | prompts/s | p50 ms | p99 ms | dead letters |"
                               + " duplicates | provider requests | busiest minute per provider | 429s |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
            for (int count : instanceCounts) {
                // simulators of the row's own, so their counts (busiest minute, 429s) are the row's
                try (SimulatorProcess openai = SimulatorProcess.start(latencyMillis, 2,
                        simulatorArgs.toArray(String[]::new));
                     SimulatorProcess huggingface = SimulatorProcess.start(latencyMillis, 2,
                             concat(List.of("--flavour", "huggingface"), simulatorArgs))) {
                    String run = "run" + count;
                    LocalKafka.createTopics(brokers, partitions, run + "-prompts", run + "-answers", run + "-dlt");
                    List<Process> instances = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        instances.add(startInstance(work.resolve(run + "-" + i + ".log"), brokers, run, "i" + i,
                                openai.baseUrl(), huggingface.baseUrl(), maxInFlight, consumers,
                                pipelineProperties));
                    }
                    processes.addAll(instances);
                    String row = measure(brokers, run, warmup, prompts, count);
                    List<String> providers = List.of(openai.baseUrl(), huggingface.baseUrl());
                    long requests = providers.stream().mapToLong(p -> SimulatorProcess.stat(p, "chatRequests")).sum();
                    long refused = providers.stream().mapToLong(p -> SimulatorProcess.stat(p, "rateLimited")).sum();
                    String busiest = SimulatorProcess.stat(openai.baseUrl(), "maxChatRequestsPerMinute") + " / "
                                     + SimulatorProcess.stat(huggingface.baseUrl(), "maxChatRequestsPerMinute");
                    System.out.println(row + " " + requests + " | " + busiest + " | " + refused + " |");
                    for (Process instance : instances) {
                        stop(instance);
                    }
                }
            }
        } finally {
            for (Process process : processes) {
                stop(process);
            }
            if (redis != null) {
                redis.close();
            }
        }
    }

    private static String measure(String brokers, String run, int warmup, int prompts, int instances)
            throws Exception {
        try (PipelineOutputs outputs = new PipelineOutputs(brokers, run + "-answers", run + "-dlt")) {
            KafkaPipeline.sendPrompts(brokers, run + "-prompts", warmup, "Warmup");
            if (outputs.readUntil(n -> n >= warmup, Duration.ofMinutes(5)) < warmup) {
                throw new IllegalStateException("the warm-up did not complete in 5 minutes");
            }
            long start = System.currentTimeMillis();
            KafkaPipeline.sendPrompts(brokers, run + "-prompts", prompts, "Measured");
            int total = warmup + prompts;
            if (outputs.readUntil(n -> n >= total, Duration.ofMinutes(20)) < total) {
                throw new IllegalStateException("not every prompt came out in 20 minutes");
            }
            long end = 0;
            List<Long> latencies = new ArrayList<>();
            for (PipelineOutputs.Outcome outcome : outputs.outcomes().values()) {
                String source = outcome.headers().get(AnswerRecords.SOURCE_TIMESTAMP);
                if (source == null || Long.parseLong(source) < start) {
                    continue; // a warm-up prompt
                }
                end = Math.max(end, outcome.timestamp());
                latencies.add(outcome.timestamp() - Long.parseLong(source));
            }
            latencies.sort(null);
            double seconds = (end - start) / 1000.0;
            return String.format(Locale.ROOT, "| %d | %d | %.1f | %.0f | %d | %d | %d | %d |", instances,
                    latencies.size(), seconds, latencies.size() / seconds, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), outputs.deadLettered(), outputs.duplicates());
        }
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static String startBroker(Path directory, List<Process> processes) throws Exception {
        Process broker = new ProcessBuilder(
                java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                LocalKafka.class.getName(), directory.toString()).redirectErrorStream(true).start();
        processes.add(broker);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(
                            broker.getInputStream(),
                            StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith(LocalKafka.READY)) {
                        ready.complete(line.substring(LocalKafka.READY.length()).trim());
                    }
                }
            } catch (IOException e) {
                // ended
            }
            ready.completeExceptionally(new IllegalStateException("the broker ended before it was ready"));
        }, "broker-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(120, TimeUnit.SECONDS);
    }

    private static Process startInstance(
            Path log, String brokers, String run, String name, String openaiUrl,
            String hfUrl, int maxInFlight, int consumers, List<String> extra)
            throws IOException {
        List<String> command = new ArrayList<>(
                List.of(java(), "-Xms1g", "-Xmx1g", "-Dpipeline.exitWithParent=true",
                        "-Dkafka.brokers=" + brokers, "-Dopenai.baseUrl=" + openaiUrl, "-Dhf.baseUrl=" + hfUrl,
                        "-Dpipeline.promptsTopic=" + run + "-prompts", "-Dpipeline.answersTopic=" + run + "-answers",
                        "-Dpipeline.deadLetterTopic=" + run + "-dlt", "-Dpipeline.groupId=" + run,
                        "-Dpipeline.instance=" + name,
                        "-Dpipeline.maxInFlight=" + maxInFlight, "-Dpipeline.consumers=" + consumers));
        extra.forEach(property -> command.add("-D" + property));
        command.addAll(List.of("-cp", ownJarOnly(KafkaPipeline.class), KafkaPipeline.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * This JVM's class path for one example's JVM: its own jar, and no other example's. Every example jar holds an
     * {@code application.properties} and {@code routes/*.yaml}, which Camel Main finds on the class path, so another
     * example's would be read as this one's.
     */
    static String ownJarOnly(Class<?> main) {
        String own;
        try {
            own = Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the jar of " + main.getName(), e);
        }
        List<String> entries = new ArrayList<>(List.of(own));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!entry.equals(own) && !name.startsWith("example-")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String java() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }
}
