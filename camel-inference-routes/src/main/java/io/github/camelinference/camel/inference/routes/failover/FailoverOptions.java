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
package io.github.camelinference.camel.inference.routes.failover;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.camel.Message;

/**
 * The failover step's options. They are bean properties of the step itself as well: a YAML bean of
 * {@link InferenceFailover} sets {@code retries: 3} directly (see {@link InferenceFailoverConfigurer}), and Java sets
 * them fluently on the step ({@code new InferenceFailover().hedgeDelay(1000)}, see {@link FluentFailoverOptions}). An
 * application that reads its settings elsewhere (Spring Boot's {@code @ConfigurationProperties}, say) can bind an
 * instance of this class and hand it to {@link InferenceFailover#InferenceFailover(FailoverOptions)}.
 */
public class FailoverOptions implements FluentFailoverOptions<FailoverOptions> {

    /** How a call orders its targets: as declared (open breakers skipped), or healthiest breaker first. */
    public static final String ORDER_DECLARED = "declared";
    public static final String ORDER_BREAKER = "breaker";

    private String names;
    private int retries = 2;
    private long retryDelay = 500;
    private long maxRetryAfter = 10_000;
    private long hedgeDelay;
    private boolean continueStreams = true;
    private int holdBackTokens;
    private long holdBackMillis;
    private String order = ORDER_DECLARED;
    private long firstTokenTimeout;
    private long requestTimeout;
    private float failureRateThreshold = 50;
    private int minimumNumberOfCalls = 5;
    private int slidingWindowSize = 10;
    private long waitDurationInOpenState = 10_000;
    private int permittedCallsInHalfOpenState = 2;
    private long slowCallDurationThreshold = 60_000;
    private float slowCallRateThreshold = 100;

    @Override
    public FailoverOptions failoverOptions() {
        return this;
    }

    /** Fails on a value the step cannot work with, naming the option; called when the step initialises. */
    public void validate() {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + retries);
        }
        if (retryDelay < 0 || maxRetryAfter < 0 || hedgeDelay < 0 || holdBackMillis < 0 || holdBackTokens < 0
                || firstTokenTimeout < 0 || requestTimeout < 0) {
            throw new IllegalArgumentException(
                    "retryDelay, maxRetryAfter, hedgeDelay, holdBackTokens, holdBackMillis,"
                                               + " firstTokenTimeout and requestTimeout must not be negative");
        }
        if (!ORDER_DECLARED.equals(order) && !ORDER_BREAKER.equals(order)) {
            throw new IllegalArgumentException("order must be 'declared' or 'breaker', was '" + order + "'");
        }
    }

    /** The names given for the targets, in order, or an empty list when each target is named after its endpoint. */
    List<String> nameList() {
        return names == null
                ? List.of()
                : Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * The step's timeouts as per-call headers for a target's copy of this message: those set on the step, less those
     * the message brings itself (the caller's own header wins).
     */
    Map<String, Long> timeoutHeaders(Message message) {
        if (firstTokenTimeout <= 0 && requestTimeout <= 0) {
            return Map.of(); // the usual case: nothing to look up or allocate on every attempt
        }
        Map<String, Long> headers = new HashMap<>(2);
        if (firstTokenTimeout > 0 && message.getHeader(InferenceConstants.FIRST_TOKEN_TIMEOUT) == null) {
            headers.put(InferenceConstants.FIRST_TOKEN_TIMEOUT, firstTokenTimeout);
        }
        if (requestTimeout > 0 && message.getHeader(InferenceConstants.REQUEST_TIMEOUT) == null) {
            headers.put(InferenceConstants.REQUEST_TIMEOUT, requestTimeout);
        }
        return headers;
    }

    /** The configuration every target's breaker is built from. */
    CircuitBreakerConfig breakerConfig() {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .slidingWindowSize(slidingWindowSize)
                .waitDurationInOpenState(Duration.ofMillis(waitDurationInOpenState))
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
                .slowCallDurationThreshold(Duration.ofMillis(slowCallDurationThreshold))
                .slowCallRateThreshold(slowCallRateThreshold)
                // open → half-open on the first call after the wait: no timer thread per breaker
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
    }

    /** Comma-separated names for the targets, in order (default: provider/model of each inference endpoint). */
    public void setNames(String names) {
        this.names = names;
    }

    public String getNames() {
        return names;
    }

    /** How many times a retryable error is retried on the same target before moving on (default 2). */
    public void setRetries(int retries) {
        this.retries = retries;
    }

    public int getRetries() {
        return retries;
    }

    /** Wait before a retry when the provider gave no Retry-After, in ms, doubled on each retry (default 500). */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /** The longest Retry-After obeyed, in ms; a provider asking for more is left for the next target (10000). */
    public void setMaxRetryAfter(long maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public long getMaxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * When the current target has not answered (or sent a first token) within this many ms, the next target starts too
     * and the first to answer wins; 0 (the default) turns hedging off.
     */
    public void setHedgeDelay(long hedgeDelay) {
        this.hedgeDelay = hedgeDelay;
    }

    public long getHedgeDelay() {
        return hedgeDelay;
    }

    /** Whether a stream that breaks after its first token is continued on the next target (default true). */
    public void setContinueStreams(boolean continueStreams) {
        this.continueStreams = continueStreams;
    }

    public boolean isContinueStreams() {
        return continueStreams;
    }

    /**
     * Tokens held back before a streamed answer is committed to its target; a stream that fails before then starts
     * again cleanly on the next target (default 0: commit at the first token).
     */
    public void setHoldBackTokens(int holdBackTokens) {
        this.holdBackTokens = holdBackTokens;
    }

    public int getHoldBackTokens() {
        return holdBackTokens;
    }

    /** Like holdBackTokens, in ms after the first token; whichever comes first commits (default 0). */
    public void setHoldBackMillis(long holdBackMillis) {
        this.holdBackMillis = holdBackMillis;
    }

    public long getHoldBackMillis() {
        return holdBackMillis;
    }

    /** {@code declared} (default): targets in order, open breakers skipped; {@code breaker}: closed ones first. */
    public void setOrder(String order) {
        this.order = order;
    }

    public String getOrder() {
        return order;
    }

    /**
     * The first-token timeout of every target's streamed calls, in ms, set per call through the
     * {@code CamelInferenceFirstTokenTimeout} header; 0 (the default) keeps each endpoint's own, and a message that
     * carries the header keeps its own.
     */
    public void setFirstTokenTimeout(long firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    public long getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    /**
     * The request timeout of every target's calls, in ms, set per call through the {@code CamelInferenceRequestTimeout}
     * header; 0 (the default) keeps each endpoint's own, and a message that carries the header keeps its own.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /** Percentage of failed calls in the window that opens a target's breaker (default 50). */
    public void setFailureRateThreshold(float failureRateThreshold) {
        this.failureRateThreshold = failureRateThreshold;
    }

    public float getFailureRateThreshold() {
        return failureRateThreshold;
    }

    /** Calls a breaker needs to see before it judges the failure rate (default 5). */
    public void setMinimumNumberOfCalls(int minimumNumberOfCalls) {
        this.minimumNumberOfCalls = minimumNumberOfCalls;
    }

    public int getMinimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** How many recent calls the failure rate is computed over (default 10). */
    public void setSlidingWindowSize(int slidingWindowSize) {
        this.slidingWindowSize = slidingWindowSize;
    }

    public int getSlidingWindowSize() {
        return slidingWindowSize;
    }

    /** How long an open breaker waits before letting trial calls through, in ms (default 10000). */
    public void setWaitDurationInOpenState(long waitDurationInOpenState) {
        this.waitDurationInOpenState = waitDurationInOpenState;
    }

    public long getWaitDurationInOpenState() {
        return waitDurationInOpenState;
    }

    /** Trial calls that decide whether a half-open breaker closes again (default 2). */
    public void setPermittedCallsInHalfOpenState(int permittedCallsInHalfOpenState) {
        this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState;
    }

    public int getPermittedCallsInHalfOpenState() {
        return permittedCallsInHalfOpenState;
    }

    /**
     * A call slower than this (in ms, to the answer, or to the first token of a stream) is slow; when
     * slowCallRateThreshold percent of the window is slow the breaker opens (default 60000).
     */
    public void setSlowCallDurationThreshold(long slowCallDurationThreshold) {
        this.slowCallDurationThreshold = slowCallDurationThreshold;
    }

    public long getSlowCallDurationThreshold() {
        return slowCallDurationThreshold;
    }

    /** Percentage of slow calls in the window that opens the breaker (default 100: slow calls alone never do). */
    public void setSlowCallRateThreshold(float slowCallRateThreshold) {
        this.slowCallRateThreshold = slowCallRateThreshold;
    }

    public float getSlowCallRateThreshold() {
        return slowCallRateThreshold;
    }
}
