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

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark runs in a process of its own (the simulator, the gateway, the floor server, Portkey), whose
 * CPU it reads to give a figure per call.
 */
abstract class ServerProcess implements AutoCloseable {

    protected final Process process;
    protected final int port;

    protected ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** CPU time the server's process has used so far (all its threads, GC and JIT included). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
