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

import java.time.Duration;

import io.github.camelinference.camel.inference.error.InferenceTimeoutException;
import io.github.camelinference.camel.inference.error.RateLimitedException;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time limits a provider cannot talk its way around: keep-alive comments do not count as activity, a stream has a total
 * deadline however steadily it sends, and a {@code Retry-After} of hours is reported, not obeyed.
 */
class TimeLimitsTest extends SimulatorTestSupport {

    private static final String FIRST = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n";

    @Test
    void keepAliveCommentsDoNotKeepAStalledStreamAlive() {
        openai.enqueue(Reply.rawChunks(FIRST, ": keep-alive\n").paced(Duration.ofMillis(100)).repeatingLast());

        InferenceTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> failure(
                openaiUri("stream=true&aggregateStream=true&streamIdleTimeout=1000"), "hi",
                InferenceTimeoutException.class));

        assertTrue(e.getMessage().contains("no event for") && e.getMessage().contains("stream idle timeout 1000 ms"),
                e.getMessage());
    }

    @Test
    void aStreamThatNeverEndsStopsAtTheStreamTimeout() {
        openai.enqueue(Reply.rawChunks(FIRST).paced(Duration.ofMillis(50)).repeatingLast());

        InferenceTimeoutException e = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> failure(
                openaiUri("stream=true&aggregateStream=true&streamTimeout=1500&streamIdleTimeout=1000"), "hi",
                InferenceTimeoutException.class));

        assertTrue(e.getMessage().contains("streamTimeout"), e.getMessage());
        assertEquals("Simulated answer to: Say hello", answer());
    }

    @Test
    void aRetryAfterLongerThanMaxRetryAfterIsReportedAndNotObeyed() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", "36000"));

        Exchange failed = template.request(openaiUri(""), e -> e.getMessage().setBody("Hi"));

        RateLimitedException e = assertInstanceOf(RateLimitedException.class, failed.getException());
        assertEquals(Duration.ofSeconds(36000), e.getRetryAfter(), "the provider's word, for a failover step to act on");
        assertNull(failed.getMessage().getHeader(Exchange.REDELIVERY_DELAY), "not obeyed by a redelivery");
        assertTrue(e.getMessage().contains("wait 36000 s") && e.getMessage().contains("maxRetryAfter of 60 s"),
                e.getMessage());
    }

    @Test
    void aRetryAfterWithinMaxRetryAfterIsObeyed() {
        openai.enqueue(Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after", "90"));

        Exchange failed = template.request(openaiUri("maxRetryAfter=120000"), e -> e.getMessage().setBody("Hi"));

        assertEquals(90_000L, failed.getMessage().getHeader(Exchange.REDELIVERY_DELAY));
    }

    private String answer() {
        return template.requestBody(openaiUri("stream=true&aggregateStream=true"), "Say hello", String.class);
    }
}
