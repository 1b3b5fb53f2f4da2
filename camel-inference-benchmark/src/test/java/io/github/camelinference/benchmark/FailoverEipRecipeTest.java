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
