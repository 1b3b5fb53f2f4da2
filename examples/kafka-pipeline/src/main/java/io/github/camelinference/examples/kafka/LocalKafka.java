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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one), on loopback, with its data in a directory
 * that is deleted on close: what the offline example and the tests run instead of a cluster. In-process with
 * {@link #start(Path)}, or as its own JVM with {@link #main} (the tests do that, so a broker is a real process).
 * <p>
 * Its ports are picked free on 127.0.0.1 just before the broker binds them; KRaft needs the controller's port in the
 * configuration before it starts, so port 0 cannot be used.
 */
public final class LocalKafka implements AutoCloseable {

    /** The line {@link #main} prints once the broker takes requests, followed by its bootstrap address. */
    public static final String READY = "LocalKafka ready at ";

    private final KafkaRaftServer server;
    private final Path directory;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, Path directory, String bootstrapServers) {
        this.server = server;
        this.directory = directory;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats the directory, starts the broker and waits until it answers; the directory is removed on close. */
    public static LocalKafka start(Path directory) {
        int port = freePort();
        int controllerPort = freePort();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", directory.resolve("data").toString());
        props.put("num.partitions", "4");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // a group forms at once instead of waiting 3 s for more members
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.retention.hours", "1");
        try {
            Files.createDirectories(directory);
            Path config = directory.resolve("server.properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "LocalKafka");
            }
            int formatted = StorageTool.execute(new String[] {
                    "format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString(), "--ignore-formatted" }, new PrintStream(PrintStream.nullOutputStream()));
            if (formatted != 0) {
                throw new IllegalStateException(
                        "formatting the KRaft storage in " + directory + " failed (" + formatted
                                                + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the broker directory " + directory, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        LocalKafka kafka = new LocalKafka(server, directory, "127.0.0.1:" + port);
        kafka.awaitReady(Duration.ofSeconds(60));
        return kafka;
    }

    /** {@code host:port} for {@code bootstrap.servers} (camel-kafka's {@code brokers}). */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics (ignoring those that exist) with this many partitions, replication factor 1. */
    public void createTopics(int partitions, String... topics) {
        createTopics(bootstrapServers, partitions, topics);
    }

    /** Creates the topics on any cluster (ignoring those that exist), replication factor 1. */
    public static void createTopics(String bootstrapServers, int partitions, String... topics) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " did not create the topics in 30 s", e);
        }
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("the local broker did not answer within " + timeout.toSeconds() + " s", e);
        }
    }

    private static Properties adminConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    @Override
    public void close() {
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is not worth failing for
        }
    }

    /**
     * Runs the broker as its own process: {@code LocalKafka <directory>}. Prints {@link #READY} and the bootstrap
     * address, then runs until its standard input closes (the parent process ended, even by a crash) or it is killed.
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("local-kafka");
        LocalKafka kafka = start(directory);
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "local-kafka-stop"));
        System.out.println(READY + kafka.bootstrapServers());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        System.exit(0);
    }
}
