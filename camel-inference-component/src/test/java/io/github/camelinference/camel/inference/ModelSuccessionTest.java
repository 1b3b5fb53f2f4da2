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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.camel.inference.error.ModelNotFoundException;
import io.github.camelinference.simulator.RecordedRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A route that names a retired model keeps answering through its successor, within the same exchange and with no
 * failover step: from the model's shutdown date on, and whenever the provider answers model-not-found. With
 * {@code dropUnsupportedParams}, a value the successor refuses is replaced and the call sent once more.
 */
class ModelSuccessionTest extends SimulatorTestSupport {

    private final List<String> substitutions = new CopyOnWriteArrayList<>();
    private ListAppender logs;

    @BeforeEach
    void listen() {
        logs = ListAppender.getListAppender("Everything");
        logs.clear();
        context.getComponent("inference", InferenceComponent.class).addCallObserver(new CallObserver() {
            @Override
            public void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info) {
            }

            @Override
            public void onError(String provider, String requestModel, InferenceException error, long millis) {
            }

            @Override
            public void onModelSubstituted(String provider, String from, String to, String reason) {
                substitutions.add(provider + " " + from + " -> " + to + " (" + reason + ")");
            }
        });
    }

    private List<String> warnings(String containing) {
        return logs.getEvents().stream()
                .filter(e -> e.getLevel() == Level.WARN && e.getMessage().getFormattedMessage().contains(containing))
                .map(e -> e.getMessage().getFormattedMessage()).toList();
    }

    private List<String> modelsCalled() {
        return openai.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .map(RecordedRequest::json).map(json -> json.get("model").asText()).toList();
    }

    private static <T> T eventually(Supplier<T> value) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        T result = value.get();
        while (result == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
            result = value.get();
        }
        return result;
    }

    @Test
    void aModelPastItsShutdownDateIsCalledAsItsSuccessor() throws Exception {
        openai.shutdownDate("gpt-5-mini", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        String uri = openaiUri("model=gpt-5-mini&modelSuccessor=gpt-6.1-terra");
        InferenceEndpoint endpoint = context.getEndpoint(uri, InferenceEndpoint.class);
        endpoint.start();
        assertNotNull(eventually(() -> endpoint.catalogShutdownDate("gpt-5-mini")), "the model list arrived");

        Exchange first = template.request(uri, e -> e.getMessage().setBody("Hi"));
        Exchange second = template.request(uri, e -> e.getMessage().setBody("Hi again"));

        assertEquals("Simulated answer to: Hi", first.getMessage().getBody());
        assertEquals("gpt-5-mini", first.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals("gpt-5-mini", second.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals(List.of("gpt-6.1-terra", "gpt-6.1-terra"), modelsCalled(), "the retired model is never called");
        assertEquals(1, warnings("is retired").size(), "one warning per model: " + warnings("is retired"));
        assertTrue(warnings("is retired").get(0).contains("gpt-5-mini is retired (its shutdown date has passed);"
                                                          + " calling its successor gpt-6.1-terra"));
        assertEquals(List.of("openai gpt-5-mini -> gpt-6.1-terra (shutdown-date)",
                "openai gpt-5-mini -> gpt-6.1-terra (shutdown-date)"), substitutions);
    }

    @Test
    void aConfiguredShutdownDateRetiresAModelTheProviderListsNoDateFor() {
        String uri = openaiUri("model=gpt-5-mini&modelSuccessors=gpt-5-mini=gpt-6.1-terra"
                               + "&modelShutdownDates=gpt-5-mini=" + LocalDate.now(ZoneOffset.UTC));

        Exchange answer = template.request(uri, e -> e.getMessage().setBody("Hi"));

        assertEquals("gpt-5-mini", answer.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals(List.of("gpt-6.1-terra"), modelsCalled());
    }

    @Test
    void aModelShuttingDownTomorrowIsStillCalled() {
        String uri = openaiUri("model=gpt-5-mini&modelSuccessor=gpt-6.1-terra"
                               + "&modelShutdownDates=gpt-5-mini=" + LocalDate.now(ZoneOffset.UTC).plusDays(1));

        Exchange answer = template.request(uri, e -> e.getMessage().setBody("Hi"));

        assertNull(answer.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals(List.of("gpt-5-mini"), modelsCalled());
    }

    @Test
    void modelNotFoundSendsTheSameExchangeToTheSuccessorAndLaterCallsStraightThere() {
        openai.retire("gpt-5-mini");
        String uri = openaiUri("model=gpt-5-mini&modelSuccessor=gpt-6.1-terra");

        Exchange first = template.request(uri, e -> e.getMessage().setBody("Hi"));
        Exchange second = template.request(uri, e -> e.getMessage().setBody("Hi again"));

        assertNull(first.getException());
        assertEquals("Simulated answer to: Hi", first.getMessage().getBody());
        assertEquals("gpt-5-mini", first.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals("Simulated answer to: Hi again", second.getMessage().getBody());
        assertEquals(List.of("gpt-5-mini", "gpt-6.1-terra", "gpt-6.1-terra"), modelsCalled(),
                "one 404, then the successor: the second call does not ask the retired model again");
        assertEquals(List.of("openai gpt-5-mini -> gpt-6.1-terra (model-not-found)",
                "openai gpt-5-mini -> gpt-6.1-terra (model-not-found)"), substitutions);
        assertTrue(warnings("is retired").get(0).contains("the provider answered model-not-found"));
    }

    /**
     * The 404 may come back before the route thread has even looked at what it sent: it is still the provider's answer,
     * and the successor is still tried. Each message has an endpoint of its own, so that none has learned the model is
     * gone; threads that only spin keep the cores busy meanwhile, so that the route thread is often paused right after
     * sending and the answer overtakes it (one message in 25 did so, and failed, before this was fixed).
     */
    @Test
    void aModelNotFoundThatOvertakesTheRouteThreadIsStillAnsweredByTheSuccessor() throws Exception {
        openai.retire("gpt-5-mini");
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> spinning = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread thread = new Thread(() -> {
                while (!done.get()) {
                    Thread.onSpinWait();
                }
            }, "spinning-" + i);
            thread.setDaemon(true);
            thread.start();
            spinning.add(thread);
        }
        List<String> failed = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String uri = openaiUri("model=gpt-5-mini&modelSuccessor=gpt-6.1-terra&requestTimeout=" + (60_000 + i));
                Exception error = template.request(uri, e -> e.getMessage().setBody("Hi")).getException();
                if (error != null) {
                    failed.add(error.toString());
                }
            }
        } finally {
            done.set(true);
            for (Thread thread : spinning) {
                thread.join();
            }
        }
        assertTrue(failed.isEmpty(), failed.size() + " of 200 messages were not answered by the successor, the first: "
                                     + failed.stream().findFirst().orElse(""));
    }

    @Test
    void aStreamedCallToARetiredModelStreamsFromTheSuccessor() throws Exception {
        openai.retire("gpt-5-mini");
        String uri = openaiUri("model=gpt-5-mini&modelSuccessor=gpt-6.1-terra&stream=true&aggregateStream=true");

        Exchange answer = template.request(uri, e -> e.getMessage().setBody("stream me"));

        assertNull(answer.getException());
        assertEquals("Simulated answer to: stream me", answer.getMessage().getBody(String.class));
        assertEquals(List.of("gpt-5-mini", "gpt-6.1-terra"), modelsCalled());
    }

    @Test
    void withoutASuccessorModelNotFoundStillFailsTheExchange() {
        openai.retire("gpt-5-mini");

        ModelNotFoundException e = failure(openaiUri("model=gpt-5-mini"), "Hi", ModelNotFoundException.class);

        assertTrue(e.getMessage().contains("gpt-5-mini"), e.getMessage());
        assertEquals(List.of("gpt-5-mini"), modelsCalled());
    }

    @Test
    void aSuccessorThatRefusesMinimalReasoningKeepsTheRouteAnsweringWithDropUnsupportedParams() throws Exception {
        openai.shutdownDate("gpt-5-mini", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        openai.refuseValue("gpt-6.1-terra", "reasoning_effort", "minimal", "none", "low", "medium", "high");
        String uri = openaiUri("model=gpt-5-mini&reasoningEffort=minimal&modelSuccessor=gpt-6.1-terra"
                               + "&dropUnsupportedParams=true");
        InferenceEndpoint endpoint = context.getEndpoint(uri, InferenceEndpoint.class);
        endpoint.start();
        assertNotNull(eventually(() -> endpoint.catalogShutdownDate("gpt-5-mini")), "the model list arrived");

        Exchange first = template.request(uri, e -> e.getMessage().setBody("Classify: refund not received"));
        Exchange second = template.request(uri, e -> e.getMessage().setBody("Classify: parcel lost"));

        assertNull(first.getException());
        assertEquals("Simulated answer to: Classify: refund not received", first.getMessage().getBody());
        assertEquals("gpt-5-mini", first.getMessage().getHeader(InferenceConstants.MODEL_SUBSTITUTED));
        assertEquals("Simulated answer to: Classify: parcel lost", second.getMessage().getBody());
        List<String> efforts = openai.requests().stream().filter(r -> r.path().endsWith("/chat/completions"))
                .map(r -> r.json().get("model").asText() + " " + r.json().get("reasoning_effort").asText()).toList();
        assertEquals(List.of("gpt-6.1-terra minimal", "gpt-6.1-terra low", "gpt-6.1-terra low"), efforts,
                "refused once, sent again with the nearest supported value, and sent so from then on");
        assertEquals(1, warnings("refused reasoning_effort=minimal").size());
        assertTrue(warnings("refused reasoning_effort=minimal").get(0).contains("sent again with reasoning_effort=low"));
        assertEquals(1, warnings("is retired").size());
    }

    @Test
    void aRefusedValueFailsTheCallWhenDropUnsupportedParamsIsOff() {
        openai.refuseValue("gpt-6.1-terra", "reasoning_effort", "minimal", "none", "low", "medium", "high");

        InvalidRequestException e = failure(openaiUri("model=gpt-6.1-terra&reasoningEffort=minimal"), "Hi",
                InvalidRequestException.class);

        assertTrue(e.getMessage().contains("Supported values are"), e.getMessage());
        assertEquals(1, modelsCalled().size());
    }

    @Test
    void aSuccessorEqualToItsModelOrACycleIsRefusedAtStart() {
        assertRefused("model=gpt-5-mini&modelSuccessor=gpt-5-mini", "gpt-5-mini is named as its own successor");
        assertRefused("model=a&modelSuccessors=a=b,b=c,c=a", "cycle (a -> b -> c -> a)");
        assertRefused("modelSuccessors=gpt-5-mini", "'gpt-5-mini' is not model=value");
        assertRefused("modelShutdownDates=gpt-5-mini=11.12.2026", "write YYYY-MM-DD");
    }

    private void assertRefused(String options, String expected) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> context.getEndpoint(openaiUri(options)));
        String message = e.getMessage() + " / " + e.getCause().getMessage();
        assertTrue(message.contains(expected), message);
        assertTrue(!message.contains(OPENAI_KEY), "no key in the error");
    }
}
