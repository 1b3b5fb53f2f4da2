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
package io.github.camelinference.camel.inference.routes;

import java.time.Duration;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.StreamInterruptedException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A stream that fails before any of its tokens reached the caller is rescued by the fallback, which starts the answer
 * afresh; once tokens have reached the caller, the fallback continues the answer where it broke, or (with
 * continueStreams=false) the stream ends with the typed error, never a short answer.
 */
class StreamFailoverTest extends FailoverTestSupport {

    @Override
    protected void doPostSetup() throws Exception {
        super.doPostSetup();
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/stream-failover.yaml"));
    }

    private Exchange streamToCaller(String prompt) {
        return template.request("direct:stream-to-caller", e -> e.getMessage().setBody(prompt));
    }

    @Test
    void noFirstTokenInTimeIsRescuedByTheFallback() throws Exception {
        primary.always(Reply.stall());
        MockEndpoint tokens = getMockEndpoint("mock:tokens");
        tokens.expectedBodiesReceived("Simulated", " answer", " to:", " hello");

        Exchange result = streamToCaller("hello");

        assertNull(result.getException());
        tokens.assertIsSatisfied();
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(1, primary.requestCount(), "a silent stream is not retried");
    }

    @Test
    void aStreamCutBeforeItsFirstTokenIsRetriedThenRescued() throws Exception {
        primary.always(Reply.answer().cutAfterChunks(1)); // only the role delta, no text
        MockEndpoint tokens = getMockEndpoint("mock:tokens");
        tokens.expectedMessageCount(4);

        Exchange result = streamToCaller("hello");

        assertNull(result.getException());
        tokens.assertIsSatisfied();
        assertEquals(3, primary.requestCount());
        assertEquals(1, fallback.requestCount());
    }

    @Test
    void aStreamCutAfterTokensReachedTheCallerIsContinuedByTheFallback() throws Exception {
        primary.always(Reply.answer().paced(Duration.ofMillis(10)).cutAfterChunks(4));
        MockEndpoint tokens = getMockEndpoint("mock:tokens");
        tokens.expectedBodiesReceived("Simulated", " answer", " to:", " tell", " me", " more");

        Exchange result = streamToCaller("tell me more");

        assertNull(result.getException());
        tokens.assertIsSatisfied();
        assertEquals(1, fallback.requestCount(), "the fallback continues the answer, it does not restart it");
    }

    @Test
    void withoutContinuationAStreamCutAfterTokensReachedTheCallerEndsWithTheTypedError() {
        primary.always(Reply.answer().paced(Duration.ofMillis(10)).cutAfterChunks(4));

        Exchange result = template.request("direct:no-continuation-to-caller",
                e -> e.getMessage().setBody("tell me more"));

        assertInstanceOf(StreamInterruptedException.class, result.getException());
        assertEquals(0, fallback.requestCount(), "tokens were delivered: no restart elsewhere");
    }

    @Test
    void anAggregatedStreamIsAlwaysRescued() {
        primary.always(Reply.answer().paced(Duration.ofMillis(5)).cutAfterChunks(4));

        Exchange result = template.request("direct:aggregated", e -> e.getMessage().setBody("tell me more"));

        assertNull(result.getException());
        assertEquals("Simulated answer to: tell me more", result.getMessage().getBody());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void anAggregatedStreamThatStallsMidWayIsRescued() {
        primary.always(Reply.answer().stallAfterChunks(3));

        Exchange result = template.request("direct:aggregated", e -> e.getMessage().setBody("hi"));

        assertNull(result.getException());
        assertEquals("Simulated answer to: hi", result.getMessage().getBody());
        assertEquals(true, result.getMessage().getHeader("CamelInferenceFallbackUsed"));
    }
}
