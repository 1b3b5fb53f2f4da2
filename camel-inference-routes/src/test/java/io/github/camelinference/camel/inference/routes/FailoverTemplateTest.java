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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InvalidRequestException;
import io.github.camelinference.simulator.RecordedRequest;
import io.github.camelinference.simulator.Reply;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.Exchange;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailoverTemplateTest extends FailoverTestSupport {

    @Override
    protected String primaryOptions() {
        return "&requestTimeout=400";
    }

    private static final String OVERLOADED = "{\"error\":{\"message\":\"The engine is currently overloaded\","
                                             + "\"type\":\"server_error\"}}";

    @Test
    void aHealthyPrimaryAnswersAlone() {
        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals("Simulated answer to: Hello", result.getMessage().getBody());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(false, result.getMessage().getHeader("CamelInferenceFallbackUsed"));
        assertEquals(1, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
        assertEquals(0, fallback.requestCount());
    }

    @Test
    void primaryReturning503IsRetriedThenTheFallbackAnswersAndSaysSo() {
        primary.always(Reply.json(503, OVERLOADED));

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals(3, primary.requestCount(), "one call and two retries");
        assertEquals(1, fallback.requestCount());
        var message = result.getMessage();
        assertEquals("huggingface", message.getHeader(InferenceConstants.PROVIDER));
        assertEquals("cerebras", message.getHeader(InferenceConstants.BACKEND));
        assertEquals("openai/gpt-oss-120b", message.getHeader(InferenceConstants.RESPONSE_MODEL),
                "the model that really answered, not the primary's");
        assertEquals(true, message.getHeader("CamelInferenceFallbackUsed"));
        assertEquals(4, message.getHeader(InferenceConstants.ATTEMPTS));
        assertEquals(1, message.getHeader(InferenceConstants.PROMPT_TOKENS), "the fallback's usage");
    }

    @Test
    void aSilentPrimaryIsFailedOverNotRetriedIntoTheSameWait() {
        primary.always(Reply.stall());

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals(1, primary.requestCount(), "a timeout is not retried");
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aConnectionResetIsRetriedThenFailedOver() {
        primary.always(Reply.reset());

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals(3, primary.requestCount());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void aBadKeyGoesToTheFallbackWithoutRetries() {
        primary.always(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                                       + "\"code\":\"invalid_api_key\"}}"));

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals(1, primary.requestCount());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void quotaExhaustedGoesToTheFallbackWithoutRetries() {
        primary.always(Reply.json(429, "{\"error\":{\"message\":\"You exceeded your current quota\","
                                       + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals(1, primary.requestCount());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void malformedRequestsFailFastWithoutFallbackAndLeaveTheBreakerClosed() {
        for (int status : List.of(400, 422)) {
            primary.reset();
            primary.always(Reply.json(status, "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens'\","
                                              + "\"type\":\"invalid_request_error\",\"code\":\"unsupported_parameter\"}}"));
            for (int i = 0; i < 6; i++) {
                InvalidRequestException e = failure("Hello", InvalidRequestException.class);
                assertEquals(status, e.getHttpStatus());
            }
            assertEquals(6, primary.requestCount(), "no retries");
        }
        assertEquals(0, fallback.requestCount(), "never a fallback call");
        assertEquals("CLOSED", breakerState());
    }

    @Test
    void rateLimitIsRetriedAfterTheDelayTheProviderAskedForNotSooner() {
        primary.enqueue(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}")
                .withHeader("retry-after", "1"));

        Exchange result = ask("Hello");

        assertNull(result.getException());
        assertEquals("openai", result.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals(2, result.getMessage().getHeader(InferenceConstants.ATTEMPTS));
        List<RecordedRequest> calls = primary.requests();
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(calls.get(1).receivedAtNanos() - calls.get(0).receivedAtNanos());
        assertTrue(waitedMillis >= 1000, "retried after " + waitedMillis + " ms");
        assertTrue(waitedMillis < 3000, "retried after " + waitedMillis + " ms");
    }

    @Test
    void aRetryAfterLongerThanTheLimitGoesToTheFallbackNow() {
        primary.always(Reply.json(429, "{\"error\":{\"message\":\"Rate limit reached\"}}").withHeader("retry-after", "60"));

        Exchange result = ask("Hello");

        assertEquals(1, primary.requestCount());
        assertEquals("huggingface", result.getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void bothProvidersDownGivesTheCallerTheFallbacksTypedError() {
        primary.always(Reply.json(503, OVERLOADED));
        fallback.always(Reply.json(503, "{\"error\":\"Service Unavailable\"}"));

        var e = failure("Hello", io.github.camelinference.camel.inference.error.ProviderUnavailableException.class);

        assertEquals("huggingface", e.getProvider());
    }

    @Test
    void theBreakerOpensThenKeepsCallsAwayFromThePrimaryThenRecovers() throws Exception {
        primary.always(Reply.json(503, OVERLOADED));
        for (int i = 0; i < 4; i++) {
            assertEquals("huggingface", ask("q" + i).getMessage().getHeader(InferenceConstants.PROVIDER));
        }
        assertEquals("OPEN", breakerState());
        int primaryCallsWhenOpened = primary.requestCount();

        for (int i = 0; i < 10; i++) {
            assertEquals("huggingface", ask("open " + i).getMessage().getHeader(InferenceConstants.PROVIDER));
        }
        assertEquals(primaryCallsWhenOpened, primary.requestCount(), "no call reaches the primary while open");

        primary.always(Reply.answer());
        Thread.sleep(1200); // waitDurationInOpenState = 1 s, then the breaker lets a trial call through
        Exchange trial = ask("trial");
        assertEquals("openai", trial.getMessage().getHeader(InferenceConstants.PROVIDER));
        assertEquals("CLOSED", breakerState());
        assertEquals("openai", ask("after").getMessage().getHeader(InferenceConstants.PROVIDER));
    }

    @Test
    void everyBreakerSettingOfTheTemplateReachesEachTargetsBreaker() throws Exception {
        TemplatedRouteBuilder.builder(context, "inference-failover").routeId("tuned")
                .parameter("name", "tuned")
                .parameter("primary", "inference:openai?baseUrl=" + primary.baseUrl() + "&apiKey=RAW(" + PRIMARY_KEY
                                      + ")&model=gpt-5-mini")
                .parameter("fallback", "inference:huggingface?baseUrl=" + fallback.baseUrl() + "&apiKey=RAW("
                                       + FALLBACK_KEY + ")&model=openai/gpt-oss-120b")
                .parameter("failureRateThreshold", "35").parameter("minimumNumberOfCalls", "7")
                .parameter("slidingWindowSize", "21").parameter("waitDurationInOpenState", "4321")
                .parameter("permittedCallsInHalfOpenState", "3").parameter("slowCallDurationThreshold", "2500")
                .parameter("slowCallRateThreshold", "80")
                .add();

        Map<String, CircuitBreaker> breakers = CircuitBreakers.failoverStep(context.getRoute("tuned"))
                .getCircuitBreakers();
        assertEquals(2, breakers.size());
        for (CircuitBreaker breaker : breakers.values()) {
            CircuitBreakerConfig config = breaker.getCircuitBreakerConfig();
            assertEquals(35f, config.getFailureRateThreshold(), breaker.getName());
            assertEquals(7, config.getMinimumNumberOfCalls(), breaker.getName());
            assertEquals(21, config.getSlidingWindowSize(), breaker.getName());
            assertEquals(4321L, config.getWaitIntervalFunctionInOpenState().apply(1), breaker.getName());
            assertEquals(3, config.getPermittedNumberOfCallsInHalfOpenState(), breaker.getName());
            assertEquals(Duration.ofMillis(2500), config.getSlowCallDurationThreshold(), breaker.getName());
            assertEquals(80f, config.getSlowCallRateThreshold(), breaker.getName());
        }
    }

    @Test
    void slowButWithinTimeoutIsStillThePrimary() {
        primary.always(Reply.answer().delayed(Duration.ofMillis(150)));

        assertEquals("openai", ask("Hello").getMessage().getHeader(InferenceConstants.PROVIDER));
    }
}
