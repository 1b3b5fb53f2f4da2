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

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A redis-server of the caller's own (Debian's, installed by bin/install-test-services) on a free loopback port, no
 * persistence, stopped by {@link #close()}: the shared store for tests and benchmarks of limits and budgets shared
 * through Redis.
 */
public final class LocalRedis implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRedis(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a redis-server and returns once it answers PING. */
    public static LocalRedis start() throws Exception {
        String binary = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .filter(path -> new File(path).canExecute()).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "redis-server is not installed: run bin/install-test-services (Debian's redis-server)"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process process = new ProcessBuilder(
                binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        LocalRedis redis = new LocalRedis(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] answer = new byte[5];
                if (socket.getInputStream().readNBytes(answer, 0, 5) == 5
                        && "+PONG".equals(new String(answer, StandardCharsets.US_ASCII))) {
                    return redis;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                redis.close();
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(50); // polling a starting server, not synchronising a caller
        }
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
