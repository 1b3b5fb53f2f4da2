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

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.github.camelinference.camel.inference.telemetry.GenAi;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With camel-opentelemetry2 tracing the routes, a call's client span hangs from Camel's span of the {@code to} step, in
 * the route's trace, although the call ends on another thread: the parent is taken on the route's thread when the
 * producer starts the call.
 */
class CamelTracingParentTest extends TelemetryTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext camel = super.createCamelContext();
        camel.getRegistry().bind("camelTracer", otel.getTracer("camel"));
        camel.getRegistry().bind("propagators", ContextPropagators.class, otel.getPropagators());
        new OpenTelemetryTracer().init(camel);
        return camel;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").routeId("chat")
                        .to(openaiUri("stream=true&aggregateStream=true"))
                        .to(openaiUri(""));
            }
        };
    }

    /**
     * camel-opentelemetry2 makes a step's span current on the thread that starts it and closes that scope on the thread
     * that ends the exchange; the test's thread would keep the route's span as its current context for the tests after
     * this one.
     */
    @AfterEach
    void forgetCamelsLeftoverScope() {
        Context.root().makeCurrent(); // deliberately not closed: it replaces what was left on this thread
    }

    @Test
    void theCallsSpanIsAChildOfCamelsSpanForTheToStepInTheRoutesTrace() {
        Exchange answered = template.request("direct:chat", e -> e.getMessage().setBody("Hello"));
        assertNull(answered.getException());

        List<SpanData> chats = awaitSpans(named("chat gpt-5-mini"), 2);
        SpanData routeSpan = awaitSpan(s -> s.getParentSpanContext().isValid() == false
                && s.getInstrumentationScopeInfo().getName().equals("camel"));
        Map<String, SpanData> byId = spans.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        for (SpanData chat : chats) {
            assertEquals(routeSpan.getTraceId(), chat.getTraceId(), "one trace for the route and its calls");
            SpanData toStep = byId.get(chat.getParentSpanId());
            assertNotNull(toStep, "the parent is one of Camel's spans: " + names());
            assertEquals("camel", toStep.getInstrumentationScopeInfo().getName());
            assertTrue(toStep.getEndEpochNanos() >= chat.getStartEpochNanos());
            assertEquals(SpanKind.CLIENT, chat.getKind());
            assertEquals("openai", chat.getAttributes().get(GenAi.PROVIDER_NAME));
        }
        assertTrue(chats.get(0).getParentSpanId() != null
                && !chats.get(0).getParentSpanId().equals(chats.get(1).getParentSpanId()),
                "each to step has its own span, and each call hangs from its own step's");
        assertEquals(traceparent(chats.get(1)), openai.lastRequest().header("traceparent"));
    }
}
