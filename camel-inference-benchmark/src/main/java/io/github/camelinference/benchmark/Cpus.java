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

import java.util.ArrayList;
import java.util.List;

/**
 * {@code -Dbenchmark.pinServer=true}: the server under test (the gateway, the floor server, Portkey) runs on CPU 1 and
 * the load (each row's client JVM and the simulators) on CPU 0, through {@code taskset}. On a 2-core machine this is
 * the nearest thing to the server having a machine of its own: without it the three processes share both cores, and a
 * row where the client alone keeps them busy measures the machine, not the server. Meant for the gateway scenarios; the
 * in-process rows ({@code 0ms} and the like) would put the component on the client's CPU.
 */
final class Cpus {

    private static final boolean PINNED = Boolean.getBoolean("benchmark.pinServer");

    private Cpus() {
    }

    static boolean pinned() {
        return PINNED;
    }

    /** The command of the server under test, on CPU 1 when pinned. */
    static List<String> server(List<String> command) {
        return on("1", command);
    }

    /** The command of a client row or a simulator, on CPU 0 when pinned. */
    static List<String> load(List<String> command) {
        return on("0", command);
    }

    private static List<String> on(String cpu, List<String> command) {
        if (!PINNED) {
            return command;
        }
        List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cpu));
        pinned.addAll(command);
        return pinned;
    }
}
