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
package io.github.camelinference.simulator.junit;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * {@link Simulator} fields get a running simulator for their class's tests, reset before each test when asked, and
 * stopped after the class. The classes under test are nested here and run through a launcher of their own (surefire
 * leaves nested classes alone).
 */
class SimulatorExtensionTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void startsTheSimulatorsForTheClassResetsThoseThatAskBeforeEachTestAndStopsThemAfter() throws Exception {
        TestExecutionSummary summary = run(TwoSimulators.class);

        assertEquals(2, summary.getTestsSucceededCount(), () -> String.valueOf(summary.getFailures().stream()
                .map(failure -> failure.getException().toString()).toList()));
        assertNull(TwoSimulators.openai, "the field is cleared for the next class that shares it");
        assertNull(TwoSimulators.huggingface);
        for (int port : List.of(TwoSimulators.openaiPort, TwoSimulators.huggingfacePort)) {
            assertThrows(ConnectException.class, () -> chat(port), "stopped after the class: port " + port);
        }
    }

    @Test
    void aFieldThatCannotHoldTheClassesSimulatorIsRefusedNamingIt() {
        TestExecutionSummary summary = run(InstanceField.class);

        assertEquals(0, summary.getTestsSucceededCount());
        String error = summary.getFailures().get(0).getException().getMessage();
        assertTrue(error.contains("InstanceField.openai") && error.contains("static, non-final ProviderSimulator"),
                error);
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .build(), listener);
        return listener.getSummary();
    }

    /** Sends one chat request to the simulator on the port; throws ConnectException when none listens. */
    private static int chat(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"gpt-5-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class TwoSimulators {

        @Simulator(Flavour.OPENAI)
        static ProviderSimulator openai;
        @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
        static ProviderSimulator huggingface;
        static int openaiPort;
        static int huggingfacePort;

        @Test
        void a_bothAreRunningBeforeTheFirstTest() throws Exception {
            openaiPort = openai.port();
            huggingfacePort = huggingface.port();
            assertEquals(Flavour.OPENAI, openai.flavour());
            assertEquals(Flavour.HUGGINGFACE, huggingface.flavour());
            assertEquals(200, chat(openaiPort));
            assertEquals(200, chat(huggingfacePort));
        }

        @Test
        void b_onlyTheOneThatAsksIsResetBetweenTests() {
            assertEquals(1, openai.requestCount(), "kept what the first test sent");
            assertEquals(0, huggingface.requestCount(), "reset before this test");
        }
    }

    static class InstanceField {

        @Simulator(Flavour.OPENAI)
        ProviderSimulator openai;

        @Test
        void neverRuns() {
        }
    }
}
