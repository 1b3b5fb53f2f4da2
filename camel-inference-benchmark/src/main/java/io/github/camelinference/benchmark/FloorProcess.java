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
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link FloorServer} in a JVM of its own, started like the gateway's ({@link GatewayProcess}: the same heap), so its
 * process CPU per call sits beside the gateway's.
 */
final class FloorProcess extends ServerProcess {

    private FloorProcess(Process process, int port) {
        super(process, port);
    }

    static FloorProcess start(String providerBaseUrl, FloorServer.Crossings crossings) throws Exception {
        int port = SimulatorProcess.freePort();
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process process = new ProcessBuilder(
                Cpus.server(
                        List.of(java, "-Xms" + GatewayProcess.HEAP_MB + "m",
                                "-Xmx" + GatewayProcess.HEAP_MB + "m", "-cp", System.getProperty("java.class.path"),
                                FloorServer.class.getName(), providerBaseUrl, String.valueOf(port), crossings.name())))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); !"FLOOR STARTED".equals(line); line = out.readLine()) {
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("the floor server did not start:\n" + said);
            }
            said.append(line).append('\n');
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> {
        }), "floor-output");
        drain.setDaemon(true);
        drain.start();
        return new FloorProcess(process, port);
    }

}
