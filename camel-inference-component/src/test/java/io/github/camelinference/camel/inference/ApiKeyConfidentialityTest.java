package io.github.camelinference.camel.inference;

import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Endpoint;
import org.apache.camel.builder.RouteBuilder;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.test.appender.ListAppender;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key goes in the Authorization header and nowhere else a user, a log or a monitoring tool could see it. */
class ApiKeyConfidentialityTest extends SimulatorTestSupport {

    @Test
    void theKeyAppearsInNoUriLogLineOrException() throws Exception {
        ListAppender logs = ListAppender.getListAppender("Everything");
        // only this test's events: other tests resolve keys from {{placeholders}}, which Camel's own DEBUG logging
        // prints resolved (documented in the component's docs); here the key is set on the URI as users do
        logs.clear();
        List<String> seen = new ArrayList<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:chat").routeId("chat").to(openaiUri(""));
            }
        });

        template.requestBody("direct:chat", "Hello");
        // a provider that echoes the key back in its error must not carry it into our exception
        openai.enqueue(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + OPENAI_KEY
                                       + "\",\"code\":\"invalid_api_key\"}}"));
        InferenceException e = failure("direct:chat", "Hello", InferenceException.class);
        seen.add(e.getMessage());
        seen.add(e.toString());
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        seen.add(trace.toString());
        openai.enqueue(Reply.reset());
        seen.add(failure("direct:chat", "Hello", InferenceException.class).getMessage());

        // what Camel shows of an endpoint (logs, JMX, consoles) is its toString(), sanitized from the secret option
        for (Endpoint endpoint : context.getEndpoints()) {
            seen.add(endpoint.toString());
        }
        seen.add(context.getRoute("chat").getEndpoint().toString());
        seen.add(context.getRoute("chat").toString());
        for (LogEvent event : logs.getEvents()) {
            seen.add(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                seen.add(event.getThrown().toString());
            }
        }

        assertTrue(seen.stream().anyMatch(s -> s.contains("inference:openai")), "URIs were checked: " + seen);
        assertFalse(logs.getEvents().isEmpty(), "log events were captured");
        for (String text : seen) {
            assertFalse(text.contains(OPENAI_KEY), "the API key leaked into: " + text);
            assertFalse(text.contains("0123456789-abcdefghijklmnop"), "part of the API key leaked into: " + text);
        }
        assertTrue(e.getMessage().contains("****"), e.getMessage());
    }
}
