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
package io.github.camelinference.camel.inference;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model the provider's list ({@code GET /v1/models}) says shuts down soon is warned about at startup, once, from the
 * list fetched in the background; a call never waits for the list.
 */
class ModelLifecycleTest extends SimulatorTestSupport {

    private ListAppender logs;

    @BeforeEach
    void clearLogs() {
        logs = ListAppender.getListAppender("Everything");
        logs.clear();
    }

    private static String inDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days).toString();
    }

    private List<String> shutdownWarnings() {
        return logs.getEvents().stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getMessage().getFormattedMessage().contains("shuts down"))
                .map(e -> e.getMessage().getFormattedMessage()).toList();
    }

    /** Polls until the value is there: the list arrives in the background. */
    private static <T> T eventually(Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        T result = value.get();
        while (result == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            result = value.get();
        }
        return result;
    }

    @Test
    void aModelShuttingDownWithin30DaysIsWarnedAboutOnceAtStartupAndOnTheEndpoint() throws Exception {
        openai.shutdownDate("gpt-5-mini", inDays(10));

        assertEquals("Simulated answer to: Hi", template.requestBody(openaiUri("model=gpt-5-mini"), "Hi"));
        InferenceEndpoint second = context.getEndpoint(openaiUri("model=gpt-5-mini&maxTokens=99"),
                InferenceEndpoint.class);
        second.start();

        String warning = eventually(second::getModelShutdownWarning);
        assertTrue(warning.contains("gpt-5-mini shuts down on " + inDays(10) + " (in 10 days)"), warning);
        assertTrue(warning.contains("model option"), "says what to change: " + warning);
        assertEquals(1, eventually(() -> shutdownWarnings().isEmpty() ? null : shutdownWarnings()).size(),
                "one warning for two endpoints on the same model: " + shutdownWarnings());
        assertEquals(1, openai.modelListRequests(), "the list is asked for once per provider");
    }

    @Test
    void aModelShuttingDownLaterOrNeverIsNotWarnedAbout() throws Exception {
        openai.shutdownDate("gpt-5-mini", inDays(45));

        InferenceEndpoint far = context.getEndpoint(openaiUri("model=gpt-5-mini"), InferenceEndpoint.class);
        InferenceEndpoint never = context.getEndpoint(openaiUri("model=gpt-5-nano"), InferenceEndpoint.class);
        far.start();
        never.start();
        template.requestBody(openaiUri("model=gpt-5-nano"), "Hi");

        assertEquals(1, eventually(() -> openai.modelListRequests() == 0 ? null : openai.modelListRequests()));
        Thread.sleep(200); // the list has been served; give its callback time to (not) warn
        assertNull(far.getModelShutdownWarning());
        assertNull(never.getModelShutdownWarning());
        assertTrue(shutdownWarnings().isEmpty(), shutdownWarnings().toString());
    }
}
