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

/**
 * The failover options in fluent form, for Java DSL. Written once here and shared by the step and the options object,
 * so {@code new InferenceFailover().retries(1).hedgeDelay(1000)} and {@code new FailoverOptions().retries(1)} read the
 * same; each sets the {@link FailoverOptions} property of the same name (whose javadoc says what it does).
 *
 * @param <T> the type each method returns, to chain on
 */
public interface FluentFailoverOptions<T extends FluentFailoverOptions<T>> {

    /** The options these methods set. */
    FailoverOptions failoverOptions();

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    default T names(String value) {
        failoverOptions().setNames(value);
        return self();
    }

    default T retries(int value) {
        failoverOptions().setRetries(value);
        return self();
    }

    default T retryDelay(long millis) {
        failoverOptions().setRetryDelay(millis);
        return self();
    }

    default T maxRetryAfter(long millis) {
        failoverOptions().setMaxRetryAfter(millis);
        return self();
    }

    default T hedgeDelay(long millis) {
        failoverOptions().setHedgeDelay(millis);
        return self();
    }

    default T continueStreams(boolean value) {
        failoverOptions().setContinueStreams(value);
        return self();
    }

    default T holdBackTokens(int value) {
        failoverOptions().setHoldBackTokens(value);
        return self();
    }

    default T holdBackMillis(long millis) {
        failoverOptions().setHoldBackMillis(millis);
        return self();
    }

    default T order(String value) {
        failoverOptions().setOrder(value);
        return self();
    }

    default T firstTokenTimeout(long millis) {
        failoverOptions().setFirstTokenTimeout(millis);
        return self();
    }

    default T requestTimeout(long millis) {
        failoverOptions().setRequestTimeout(millis);
        return self();
    }

    default T failureRateThreshold(float value) {
        failoverOptions().setFailureRateThreshold(value);
        return self();
    }

    default T minimumNumberOfCalls(int value) {
        failoverOptions().setMinimumNumberOfCalls(value);
        return self();
    }

    default T slidingWindowSize(int value) {
        failoverOptions().setSlidingWindowSize(value);
        return self();
    }

    default T waitDurationInOpenState(long millis) {
        failoverOptions().setWaitDurationInOpenState(millis);
        return self();
    }

    default T permittedCallsInHalfOpenState(int value) {
        failoverOptions().setPermittedCallsInHalfOpenState(value);
        return self();
    }

    default T slowCallDurationThreshold(long millis) {
        failoverOptions().setSlowCallDurationThreshold(millis);
        return self();
    }

    default T slowCallRateThreshold(float value) {
        failoverOptions().setSlowCallRateThreshold(value);
        return self();
    }
}
