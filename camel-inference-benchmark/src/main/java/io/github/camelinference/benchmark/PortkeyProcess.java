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

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Portkey's AI gateway (npm {@code @portkey-ai/gateway}) on Node, for the gateway scenarios' Portkey rows. Pinned the
 * way Portkey's own Docker build pins it: its lock file holds {@code @hono/node-server} at 1.13.5, and its
 * patch-package patch makes that server await each response. The npm package alone does neither: it asks for
 * {@code ^1.3.3}, which resolves to a server whose every call fails (Portkey-AI/gateway#1389), and it ships no patches
 * (its postinstall finds none). So this installs both pinned versions, with an npm override, into
 * {@code ~/.cache/camel-inference-benchmark/portkey-1.15.2} on first use and applies the patch's one line itself.
 */
final class PortkeyProcess extends ServerProcess {

    static final String VERSION = "1.15.2";
    static final String NODE_SERVER_VERSION = "1.13.5";
    /** The line of {@code @hono/node-server} 1.13.5 that Portkey's patch changes, and what it becomes. */
    private static final String UNPATCHED = "return responseViaResponseObject(res, outgoing, options);";
    private static final String PATCHED = "return await responseViaResponseObject(res, outgoing, options);";

    private PortkeyProcess(Process process, int port) {
        super(process, port);
    }

    /** Why Portkey's rows cannot run here (no node or npm on the PATH), or null. */
    static String unavailable() {
        for (String tool : List.of("node", "npm")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return "'" + tool + " --version' failed";
                }
            } catch (IOException | InterruptedException e) {
                return "'" + tool + "' is not on the PATH (install Node.js 20 and npm to run Portkey's rows)";
            }
        }
        return null;
    }

    static PortkeyProcess start() throws Exception {
        Path home = install();
        int port = SimulatorProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Cpus.server(List.of(
                        "node",
                        home.resolve("node_modules/@portkey-ai/gateway/build/start-server.js").toString(), "--port=" + port,
                        "--headless")))
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("portkey.log").toFile());
        // production: no per-request console log, as deployed
        builder.environment().putAll(Map.of("NODE_ENV", "production"));
        Process process = builder.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Portkey did not start; see " + home.resolve("portkey.log"));
                }
                Thread.sleep(200);
            }
        }
        return new PortkeyProcess(process, port);
    }

    /** The pinned install, made once (npm needs the registry the first time). */
    private static Path install() throws Exception {
        Path home = Path.of(System.getProperty("user.home"), ".cache", "camel-inference-benchmark", "portkey-" + VERSION);
        Path server = home.resolve("node_modules/@portkey-ai/gateway/build/start-server.js");
        Path nodeServer = home.resolve("node_modules/@hono/node-server/dist/index.mjs");
        if (!Files.isRegularFile(server) || !Files.isRegularFile(nodeServer)) {
            Files.createDirectories(home);
            Files.writeString(home.resolve("package.json"), String.format(
                    "{\"name\":\"portkey-benchmark\",\"private\":true,"
                                                                          + "\"dependencies\":{\"@portkey-ai/gateway\":\"%s\",\"@hono/node-server\":\"%s\"},"
                                                                          + "\"overrides\":{\"@hono/node-server\":\"%s\"}}%n",
                    VERSION, NODE_SERVER_VERSION, NODE_SERVER_VERSION));
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts")
                    .directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-install.log").toFile()).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install of Portkey failed; see " + home.resolve("npm-install.log"));
            }
        }
        String code = Files.readString(nodeServer, StandardCharsets.UTF_8);
        if (!code.contains(PATCHED)) {
            if (!code.contains(UNPATCHED)) {
                throw new IllegalStateException(
                        nodeServer + " is not @hono/node-server " + NODE_SERVER_VERSION
                                                + " (Portkey's patch does not apply); delete " + home + " and run again");
            }
            Files.writeString(nodeServer, code.replace(UNPATCHED, PATCHED), StandardCharsets.UTF_8);
        }
        return home;
    }

}
