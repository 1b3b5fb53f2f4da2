package io.github.camelinference.camel.inference.ratelimit.redis;

import java.io.File;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A redis-server of the test's own on a free loopback port (Debian's, installed by bin/install-test-services), stopped
 * with the test.
 */
final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalRedis start() throws Exception {
        String binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .filter(path -> new File(path).canExecute()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is not installed: run bin/install-test-services (Debian's redis-server)"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LocalRedis redis = new LocalRedis(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        RedisClient client = RedisClient.create(redis.uri());
        try {
            while (true) {
                try (StatefulRedisConnection<String, String> connection = client.connect()) {
                    connection.sync().ping();
                    return redis;
                } catch (RuntimeException notYet) {
                    if (System.nanoTime() > deadline) {
                        redis.close();
                        throw new IllegalStateException("redis-server did not start on port " + port, notYet);
                    }
                    Thread.sleep(50); // polling a starting server, not synchronising the test
                }
            }
        } finally {
            client.shutdown();
        }
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
