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
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/failover-circuit-breaker-eip.md shows the circuitBreaker-EIP failover that the benchmark runs; the page's code
 * is this module's files as they are, so what a reader copies is what {@link FailoverEipTemplateTest} tests.
 */
class FailoverEipRecipeTest {

    private static final Path PAGE = Path.of("..", "docs", "failover-circuit-breaker-eip.md");

    @Test
    void thePageShowsTheTemplateTheBenchmarkRuns() throws IOException {
        assertEquals(Files.readString(Path.of("src/main/resources/failover-eip.yaml")).strip(),
                block("failover-eip.yaml"));
    }

    @Test
    void thePageShowsTheBeanStepsTheBenchmarkRuns() throws IOException {
        String source = Files.readString(
                Path.of("src/main/java/io/github/camelinference/benchmark/FailoverEipSupport.java"));
        // from the package line on: the page leaves the license header out
        assertEquals(source.substring(source.indexOf("package ")).strip(), block("FailoverEipSupport.java"));
    }

    /** The fenced code block after the page's {@code <!-- recipe:name -->} marker. */
    private static String block(String name) throws IOException {
        String page = Files.readString(PAGE);
        String marker = "<!-- recipe:" + name + " -->";
        int at = page.indexOf(marker);
        assertTrue(at >= 0, PAGE + " has no " + marker);
        int start = page.indexOf('\n', page.indexOf("```", at)) + 1;
        return page.substring(start, page.indexOf("\n```", start)).strip();
    }
}
