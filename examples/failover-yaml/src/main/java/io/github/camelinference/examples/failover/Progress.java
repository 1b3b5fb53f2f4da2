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
package io.github.camelinference.examples.failover;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * One progress line, redrawn in place on a terminal (every tick on a pipe is too chatty, so there it prints every tenth
 * of the run), with events printed above it as they happen.
 */
final class Progress {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final boolean terminal;
    private final int total;
    private final Summary summary;
    private int lastDecile = -1;

    Progress(PrintStream out, boolean terminal, int total, Summary summary) {
        this.out = out;
        this.terminal = terminal;
        this.total = total;
        this.summary = summary;
    }

    synchronized void event(String text) {
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(LocalTime.now().format(CLOCK) + "  " + text);
        render();
    }

    synchronized void render() {
        int done = summary.count();
        String line = String.format("[%-30s] %d/%d  openai %d  huggingface %d  fallbacks %d  failed %d",
                "#".repeat(total == 0 ? 30 : done * 30 / total), done, total, summary.servedBy("openai"),
                summary.servedBy("huggingface"), summary.fallbacks(), done - summary.answered());
        if (terminal) {
            out.print("\r\033[K" + line);
            out.flush();
        } else {
            int decile = total == 0 ? 10 : done * 10 / total;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line);
            }
        }
    }

    synchronized void finish() {
        if (terminal) {
            out.println();
        }
    }
}
