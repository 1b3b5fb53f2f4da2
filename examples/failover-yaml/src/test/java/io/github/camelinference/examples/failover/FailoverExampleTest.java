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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first command, run as a test: the YAML routes load and the staged outage plays out as described. */
class FailoverExampleTest {

    @Test
    void theMainExampleRunsOfflineAndRidesOutTheOutage() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FailoverExample.Settings settings = FailoverExample.Settings.parse(new String[0], false);

        Summary summary = FailoverExample.run(settings, name -> null,
                new PrintStream(printed, true, StandardCharsets.UTF_8), false);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(400, summary.count(), output);
        assertEquals(400, summary.answered(), "every request answered: " + output);
        assertTrue(summary.servedBy("openai") > 0 && summary.servedBy("huggingface") > 0, output);
        assertEquals(summary.servedBy("huggingface"), summary.fallbacks(), output);
        assertTrue(summary.transitions().contains("CLOSED -> OPEN"), output);
        assertEquals("HALF_OPEN -> CLOSED", summary.transitions().get(summary.transitions().size() - 1),
                "the breaker closed again once OpenAI was back: " + output);
        long lastFallback = summary.outcomes().stream().filter(Outcome::fallback).mapToInt(Outcome::index).max()
                .orElseThrow();
        assertTrue(summary.outcomes().stream().anyMatch(o -> o.index() > lastFallback && "openai".equals(o.provider())),
                "OpenAI served again after the outage: " + output);
        for (String line : new String[] {
                "Summary: 400 requests", "region=eu", "-> huggingface/nebius",
                "needsJson=true", "-> openai/openai", "weighted 3:1", "round robin", "failover chain, OpenAI down",
                "gpt-5-mini retired", "-> openai/gpt-6.1-terra (its successor, in place of gpt-5-mini)" }) {
            assertTrue(output.contains(line), "'" + line + "' missing from:\n" + output);
        }
        assertTrue(!output.contains("sk-simulated") && !output.contains("hf_simulated"), "no key is printed");
    }
}
