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

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.stream.ChatStream;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The key goes in the Authorization header and nowhere else a user, a log or a monitoring tool could see it: with every
 * logger of every library at TRACE (HttpClient's headers and wire logs included), one call of each kind (JSON, stream,
 * provider error, tool loop, failover) leaves the canary key in no log line, URI or exception. HttpClient's wire log is
 * a hex dump in 16-byte rows, so its rows are joined and decoded before the search. Nothing is printed to the console
 * while TRACE is on, so a leak cannot reach the test output either.
 * <p>
 * The routes take their keys from the component's environment ({@code OPENAI_API_KEY}, {@code HF_TOKEN}), as the docs
 * advise. A key written into an endpoint URI reaches Camel core's own TRACE lines about endpoint resolution
 * ({@code AbstractCamelContext}, {@code EndpointHelper}, {@code DefaultComponent}), which no component can mask: the
 * second test pins that down to exactly those loggers and that level (docs/design.md, "API keys and logs").
 */
class ApiKeyConfidentialityTest extends SimulatorTestSupport {

    private static LogCapture capture;

    @BindToRegistry("lookupOrder")
    private final InferenceTool lookupOrder = strictLookupOrderTool();

    @BeforeAll
    static void everyLoggerAtTrace() {
        capture = LogCapture.everyLoggerAtTrace();
    }

    /** Each test sees only its own lines, from its context's start on. */
    @AfterEach
    void forgetLines() {
        capture.lines.clear();
    }

    @AfterAll
    static void loggingAsConfigured() {
        LogCapture.restore();
    }

    /** The keys come from the environment, as in production: no URI carries them. */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getComponent("inference", InferenceComponent.class).setEnvironment(name -> switch (name) {
            case "OPENAI_API_KEY" -> OPENAI_KEY;
            case "HF_TOKEN" -> HF_KEY;
            default -> null;
        });
        return camel;
    }

    private static String openaiEnvUri(String options) {
        return "inference:openai?baseUrl=" + openai.baseUrl() + (options.isEmpty() ? "" : "&" + options);
    }

    private static String hfEnvUri(String options) {
        return "inference:huggingface?baseUrl=" + huggingface.baseUrl() + (options.isEmpty() ? "" : "&" + options);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").routeId("chat").to(openaiEnvUri(""));
                from("direct:stream").routeId("stream").to(openaiEnvUri("stream=true"));
                from("direct:aggregated").routeId("aggregated").to(openaiEnvUri("stream=true&aggregateStream=true"));
                from("direct:tools").routeId("tools").to(openaiEnvUri("tools=lookupOrder"));
                from("direct:lookupOrder").setBody(constant("{\"status\":\"shipped\"}"));
                from("direct:failover").routeId("failover")
                        .loadBalance().failover(InferenceException.class)
                        .to(openaiEnvUri("model=primary"))
                        .to(hfEnvUri(""))
                        .end();
            }
        };
    }

    @Test
    void theKeyAppearsInNoLogLineUriOrExceptionWithEveryLoggerAtTrace() throws Exception {
        List<String> seen = new ArrayList<>();

        assertEquals("Simulated answer to: Hello", template.requestBody("direct:chat", "Hello", String.class));

        // stream, read to its end
        Exchange streamed = template.request("direct:stream", e -> e.getMessage().setBody("Hello"));
        assertNull(streamed.getException());
        ChatStream stream = streamed.getMessage().getBody(ChatStream.class);
        StringBuilder text = new StringBuilder();
        stream.forEachRemaining(text::append);
        assertFalse(text.isEmpty());
        assertNull(template.request("direct:aggregated", e -> e.getMessage().setBody("Hello")).getException());

        // tools: the model calls one, the route answers, the model finishes
        openai.enqueue(Reply.json(200, "{\"id\":\"c1\",\"model\":\"gpt-5-mini\",\"choices\":[{\"index\":0,\"message\":"
                                       + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                                       + "\"type\":\"function\",\"function\":{\"name\":\"lookup_order\",\"arguments\":"
                                       + "\"{\\\"order_id\\\":\\\"42\\\"}\"}}]},\"finish_reason\":\"tool_calls\"}]}"));
        assertNull(template.request("direct:tools", e -> e.getMessage().setBody("Where is 42?")).getException());
        assertEquals(2, openai.requests().stream().filter(r -> r.body().contains("lookup_order")).count());

        // failover: the first target's connection is reset, the second answers
        openai.enqueue(Reply.reset());
        Exchange failedOver = template.request("direct:failover", e -> e.getMessage().setBody("Hello"));
        assertNull(failedOver.getException());
        assertEquals("huggingface", failedOver.getMessage().getHeader(InferenceConstants.PROVIDER));

        // a provider that echoes the key back in its error must not carry it into our exception
        openai.enqueue(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                                       + "\",\"code\":\"invalid_api_key\"}}"));
        InferenceException e = failure("direct:chat", "Hello", InferenceException.class);
        seen.add(e.getMessage());
        seen.add(e.toString());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        seen.add(trace.toString());
        assertTrue(e.getMessage().contains("****"), e.getMessage());

        // what Camel shows of an endpoint (logs, JMX, consoles) is its toString(), sanitized from the secret option
        for (Endpoint endpoint : context.getEndpoints()) {
            seen.add(endpoint.toString());
        }
        seen.add(context.getRoute("chat").getEndpoint().toString());
        seen.add(context.getRoute("chat").toString());
        seen.addAll(capture.everything());

        assertTrue(seen.stream().anyMatch(s -> s.contains("inference:openai")), "URIs were checked");
        assertTrue(capture.lines.stream().anyMatch(s -> s.startsWith("org.apache.hc.client5.http.headers")),
                "HttpClient's header log was captured");
        assertEquals(List.of(), leaks(seen), "the API key leaked");
    }

    @Test
    void aKeyWrittenIntoAUriReachesOnlyCamelCoresTraceLinesAboutEndpointResolution() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:literal").routeId("literal")
                        .to("inference:openai?baseUrl=" + openai.baseUrl() + "&apiKey=" + OPENAI_KEY + "&maxTokens=50");
                from("direct:raw").routeId("raw").to(openaiUri("maxTokens=60"));
            }
        });
        assertNull(template.request("direct:literal", e -> e.getMessage().setBody("Hello")).getException());
        assertNull(template.request("direct:raw", e -> e.getMessage().setBody("Hello")).getException());

        List<String> outsideCamelCoreTrace = leaks(capture.everything()).stream()
                .filter(line -> !(line.startsWith("org.apache.camel.impl.engine.AbstractCamelContext TRACE")
                        || line.startsWith("org.apache.camel.support.EndpointHelper TRACE")
                        || line.startsWith("org.apache.camel.support.DefaultComponent TRACE")))
                .toList();
        assertEquals(List.of(), outsideCamelCoreTrace, "the key leaked beyond Camel core's endpoint-resolution TRACE");
        for (Endpoint endpoint : context.getEndpoints()) {
            assertEquals(List.of(), leaks(List.of(endpoint.toString())), "an endpoint shows the key");
        }
    }

    /** The texts that contain the canary key or a part of it, shown with the key replaced. */
    private static List<String> leaks(List<String> texts) {
        return texts.stream().filter(s -> s.contains("0123456789-abcdefghijklmnop"))
                .map(s -> s.replace(OPENAI_KEY, "<KEY>").replace(HF_KEY, "<KEY>")
                        .replace("0123456789-abcdefghijklmnop", "<PART>"))
                .map(s -> s.length() > 300 ? s.substring(0, 300) : s).toList();
    }
}
