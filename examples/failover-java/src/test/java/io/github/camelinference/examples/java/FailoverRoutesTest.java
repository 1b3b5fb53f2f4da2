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
package io.github.camelinference.examples.java;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.InferenceComponent;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.camel.inference.routes.CircuitBreakers;
import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java DSL building blocks against two simulators over real HTTP. */
class FailoverRoutesTest extends CamelTestSupport {

    private static final String OVERLOADED = "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}";
    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    static ProviderSimulator openai;
    @Simulator(value = Flavour.HUGGINGFACE, resetBeforeEach = true)
    static ProviderSimulator hf;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.putAll(JavaExample.endpointProperties(openai.baseUrl(), "sk-test", hf.baseUrl(), "hf_test"));
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        InferenceComponent component = new InferenceComponent();
        component.setEnvironment(name -> null);
        camel.addComponent("inference", component);
        return camel;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new FailoverRoutes();
    }

    private Exchange send(String uri, String body, Map<String, Object> headers) {
        return template.request(uri, e -> {
            e.getMessage().setBody(body);
            e.getMessage().getHeaders().putAll(headers);
        });
    }

    private static String answeredBy(Exchange e) {
        return e.getMessage().getHeader(InferenceConstants.PROVIDER) + "/"
               + e.getMessage().getHeader(InferenceConstants.BACKEND);
    }

    @Test
    void failoverSendsToTheRouterWhenOpenAiFails() {
        openai.always(Reply.json(503, OVERLOADED));

        Exchange result = send("direct:chat", "Hello", Map.of());

        assertNull(result.getException());
        assertEquals("huggingface/cerebras", answeredBy(result));
        assertEquals(true, result.getMessage().getHeader("CamelInferenceFallbackUsed"));
        assertEquals(2, openai.requestCount(), "one call, one retry");
        assertEquals(3, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
    }

    @Test
    void anOpenBreakerSendsStraightToTheRouter() {
        openai.always(Reply.json(503, OVERLOADED));
        InferenceFailover step = CircuitBreakers.failoverStep(context.getRoute("chat"));
        assertEquals(Map.of("openai/gpt-5-mini", "CLOSED", "huggingface/openai/gpt-oss-120b", "CLOSED"),
                step.getBreakerStates());

        for (int i = 0; i < 3; i++) {
            assertEquals("huggingface/cerebras", answeredBy(send("direct:chat", "Hello", Map.of())));
        }
        assertEquals("OPEN", step.getBreakerStates().get("openai/gpt-5-mini"), "six failed calls of six");
        int calls = openai.requestCount();

        Exchange result = send("direct:chat", "Hello", Map.of());

        assertEquals("huggingface/cerebras", answeredBy(result));
        assertEquals(calls, openai.requestCount(), "an open breaker skips OpenAI without a try");
        assertEquals(1, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
    }

    @Test
    void aMalformedRequestFailsFastInJavaDslToo() {
        openai.always(Reply.json(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}"));

        Exchange result = send("direct:chat", "Hello", Map.of());

        assertInstanceOf(InvalidRequestException.class, result.getException());
        assertEquals(1, openai.requestCount());
        assertEquals(0, hf.requestCount());
    }

    @Test
    void retryAfterIsHonouredBeforeTheRetry() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after-ms", "700"));

        Exchange result = send("direct:chat", "Hello", Map.of());

        assertEquals("openai/openai", answeredBy(result));
        List<RecordedRequest> calls = openai.requests();
        long waited = TimeUnit.NANOSECONDS.toMillis(calls.get(1).receivedAtNanos() - calls.get(0).receivedAtNanos());
        assertTrue(waited >= 700, "retried after " + waited + " ms");
    }

    @Test
    void theContentBasedRouterPicksProviderAndModelPerMessage() {
        assertEquals("huggingface/nebius", answeredBy(send("direct:ask", "Hi", Map.of("region", "eu"))));
        Exchange json = send("direct:ask", "Hi", Map.of("needsJson", "true"));
        assertEquals("openai/openai", answeredBy(json));
        assertEquals("json_object", openai.lastRequest().json().get("response_format").get("type").asText());
        assertEquals("openai/openai", answeredBy(send("direct:ask", "Hi", Map.of("tier", "premium"))));
        assertEquals("huggingface/groq", answeredBy(send("direct:ask", "x".repeat(2500), Map.of())));
        assertEquals("openai/gpt-oss-120b:cheapest", hf.lastRequest().json().get("model").asText());
        assertEquals("huggingface/cerebras", answeredBy(send("direct:ask", "Hi", Map.of())));
    }

    @Test
    void weightedAndRoundRobinSpreadTheLoad() {
        Map<String, Integer> spread = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            spread.merge(answeredBy(send("direct:spread", "Hi", Map.of())), 1, Integer::sum);
        }
        assertEquals(Map.of("huggingface/cerebras", 2, "openai/openai", 6), spread);

        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            turns.add(answeredBy(send("direct:round-robin", "Hi", Map.of())));
        }
        assertEquals(List.of("huggingface/groq", "huggingface/together", "huggingface/groq", "huggingface/together"),
                turns);
    }

    @Test
    void theFailoverChainMovesOnOnlyForErrorsAnotherProviderCanFix() {
        openai.always(Reply.json(503, OVERLOADED));
        assertEquals("huggingface/cerebras", answeredBy(send("direct:failover-chain", "Hi", Map.of())));

        openai.always(Reply.json(422, "{\"detail\":\"messages: field required\"}"));
        Exchange bad = send("direct:failover-chain", "Hi", Map.of());
        assertInstanceOf(InvalidRequestException.class, bad.getException());
        assertEquals(1, hf.requestCount(), "the chain stopped at the malformed request");
    }

    @Test
    void underConcurrencyEveryRequestIsAnsweredExactlyOnce() throws Exception {
        int requests = 300;
        for (int i = 0; i < requests; i++) {
            openai.enqueue(i % 3 == 0 ? Reply.json(503, OVERLOADED) : Reply.answer());
        }
        ExecutorService callers = Executors.newFixedThreadPool(100);
        List<Future<Exchange>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String prompt = "question " + i;
            results.add(callers.submit(() -> send("direct:chat", prompt, Map.of())));
        }
        Set<String> answers = new HashSet<>();
        int calls = 0;
        for (Future<Exchange> future : results) {
            Exchange exchange = future.get(60, TimeUnit.SECONDS);
            assertNull(exchange.getException());
            answers.add(exchange.getMessage().getBody(String.class));
            calls += exchange.getMessage().getHeader(InferenceConstants.ATTEMPTS, Integer.class);
        }
        callers.shutdown();

        assertEquals(requests, answers.size(), "each request got its own answer, none lost");
        for (int i = 0; i < requests; i++) {
            assertTrue(answers.contains("Simulated answer to: question " + i), "question " + i);
        }
        assertEquals(openai.requestCount() + hf.requestCount(), calls,
                "every call the providers saw is one the exchanges counted: nothing sent twice behind their back");
    }
}
