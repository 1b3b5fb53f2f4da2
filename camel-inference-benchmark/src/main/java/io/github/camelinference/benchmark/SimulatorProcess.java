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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator in a JVM of its own, so its work and garbage are not counted against the contestants' threads and heap.
 * Same classpath as the benchmark; listens on loopback only.
 */
final class SimulatorProcess extends ServerProcess {

    private SimulatorProcess(Process process, int port) {
        super(process, port);
    }

    /**
     * @param options more SimulatorMain options, e.g. {@code --slow-fraction 0.05 --slow-ms 10000}
     */
    static SimulatorProcess start(long latencyMillis, long paceMillis, String... options) throws Exception {
        int port = freePort();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(
                List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                        "io.github.camelinference.simulator.SimulatorMain", "--port", String.valueOf(port),
                        "--latency-ms", String.valueOf(latencyMillis), "--pace-ms", String.valueOf(paceMillis)));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(Cpus.load(command)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("Simulating")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator did not start: " + line);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {
        }), "simulator-output");
        drain.setDaemon(true);
        drain.start();
        return new SimulatorProcess(process, port);
    }

    /** A loopback port nothing listens on (bound, then released): a provider that is down, refusing connections. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * How many requests the simulator at this base URL has received since it started (its
     * {@code GET /simulator/requests}). A bare socket, so the row counting it starts no client thread of its own.
     */
    static long requestsReceived(String baseUrl) {
        return stat(baseUrl, "requests");
    }

    /**
     * One figure of the simulator's {@code GET /simulator/requests}: {@code requests}, {@code chatRequests},
     * {@code maxChatRequestsPerMinute} (its busiest sliding minute) or {@code rateLimited} (429s it sent).
     */
    static long stat(String baseUrl, String field) {
        Pattern figure = Pattern.compile("\"" + Pattern.quote(field) + "\":(\\d+)[,}]");
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /simulator/requests HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the simulator keeps connections open: read until the body is in, not until the end of the stream
            socket.setSoTimeout(30_000); // a machine this loaded can stall a JVM for seconds
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[1024];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                Matcher m = figure.matcher(response);
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
            throw new IllegalStateException(
                    "the simulator at " + baseUrl + " did not say its " + field + ": "
                                            + response);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot ask the simulator at " + baseUrl + " for its " + field, e);
        }
    }

}
