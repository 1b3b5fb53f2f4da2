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
package io.github.camelinference.camel.inference.gateway.status;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code chromium}, headless, run once per page: {@code --dump-dom} prints the DOM after the page's scripts
 * ran for a virtual time budget, {@code --screenshot} saves a PNG. Tests that need it are skipped, saying how to
 * install it, when it is not on the PATH ({@code bin/install-test-services} installs it, so CI runs them).
 */
final class HeadlessChromium {

    private final String binary;
    private final Path workDir;

    private HeadlessChromium(String binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** Chromium with its profile under {@code workDir}; skips the calling test when chromium is missing. */
    static HeadlessChromium orSkip(Path workDir) {
        String binary = onPath("chromium");
        assumeTrue(binary != null, "chromium is not installed, so this status page test is skipped: run"
                                   + " bin/install-test-services (it installs Debian's package chromium)");
        return new HeadlessChromium(binary, workDir);
    }

    /** The page's DOM once its scripts have had {@code virtualMillis} of (virtual) time. */
    String dumpDom(String url, int virtualMillis) throws Exception {
        return run("--dump-dom", "--virtual-time-budget=" + virtualMillis, url);
    }

    /** Saves a 1280x900 screenshot of the page to {@code png}. */
    void screenshot(String url, int virtualMillis, Path png) throws Exception {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run("--screenshot=" + png.toAbsolutePath(), "--window-size=1280,900",
                "--virtual-time-budget=" + virtualMillis, url);
    }

    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
                        "--user-data-dir=" + workDir.resolve("profile").toAbsolutePath()));
        command.addAll(List.of(args));
        File out = workDir.resolve("chromium.out").toFile();
        File err = workDir.resolve("chromium.err").toFile();
        Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("chromium did not finish within 120 s: " + command + "\n" + Files.readString(err.toPath()));
        }
        assertEquals(0, process.exitValue(), "chromium failed: " + command + "\n" + Files.readString(err.toPath()));
        return Files.readString(out.toPath(), StandardCharsets.UTF_8);
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
