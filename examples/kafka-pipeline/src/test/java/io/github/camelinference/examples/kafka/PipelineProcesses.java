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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real parts of the pipeline tests, each in its own JVM: a {@link LocalKafka} broker, and pipeline instances
 * ({@link KafkaPipeline} serving that broker). Every process started here is ended by {@link #close()}, forcibly if it
 * does not stop at once; the children also end by themselves when this JVM dies (they watch their standard input).
 */
final class PipelineProcesses implements AutoCloseable {

    private final Path logs;
    private final List<Process> instances = new ArrayList<>();
    private final List<Process> brokers = new ArrayList<>();

    PipelineProcesses(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    /** Starts a broker process and returns its bootstrap address once it takes requests. */
    String startBroker(Path directory) throws Exception {
        Process broker = start(List.of(LocalKafka.class.getName(), directory.toString()), Map.of(), null, brokers);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(
                            broker.getInputStream(),
                            StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(LocalKafka.READY)) {
                        ready.complete(line.substring(LocalKafka.READY.length()).trim());
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("the broker process ended before it was ready"));
        }, "broker-output");
        reader.setDaemon(true);
        reader.start();
        return ready.get(120, TimeUnit.SECONDS);
    }

    /**
     * Starts a pipeline instance serving the broker, with the given properties ({@code -Dname=value}); its output goes
     * to {@code <logs>/<name>.log}.
     */
    Process startInstance(String name, Map<String, String> properties) throws IOException {
        return start(List.of(KafkaPipeline.class.getName()), properties, log(name), instances);
    }

    /** The log file of an instance. */
    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    private Process start(List<String> mainAndArgs, Map<String, String> properties, Path log, List<Process> started)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        // short-lived JVMs on a 2-core machine: quick compiles, less CPU taken from the broker and the other instance
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dpipeline.exitWithParent=true");
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log != null) {
            builder.redirectOutput(log.toFile());
        }
        Process process = builder.start();
        synchronized (started) {
            started.add(process);
        }
        return process;
    }

    /** Ends a process at once, as a crash or {@code kill -9} would: no shutdown hook, no graceful stop. */
    static void killHard(Process process) throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Stops every pipeline instance started so far; the broker keeps running. */
    void stopInstances() {
        stopAll(instances);
    }

    @Override
    public void close() {
        stopAll(instances);
        stopAll(brokers);
    }

    private static void stopAll(List<Process> started) {
        List<Process> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (Process process : all) {
            process.destroy();
        }
        for (Process process : all) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits for a line in an instance's log, without sleeping in a loop longer than a poll. */
    static boolean logContains(Path log, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        } while (System.nanoTime() - deadline < 0);
        return false;
    }

    static int count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        String content = Files.readString(log, StandardCharsets.UTF_8);
        int n = 0;
        for (int i = content.indexOf(text); i >= 0; i = content.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
