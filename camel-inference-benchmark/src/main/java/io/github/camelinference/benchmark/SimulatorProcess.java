package io.github.camelinference.benchmark;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulator in a JVM of its own, so its work and garbage are not counted against the contestants' threads and
 * heap. Same classpath as the benchmark; listens on loopback only.
 */
final class SimulatorProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private SimulatorProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static SimulatorProcess start(long latencyMillis, long paceMillis) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.github.camelinference.simulator.SimulatorMain", "--port", String.valueOf(port),
                "--latency-ms", String.valueOf(latencyMillis), "--pace-ms", String.valueOf(paceMillis)))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("Simulating")) {
            process.destroyForcibly();
            throw new IllegalStateException("the simulator did not start: " + line);
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "simulator-output");
        drain.setDaemon(true);
        drain.start();
        return new SimulatorProcess(process, port);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
