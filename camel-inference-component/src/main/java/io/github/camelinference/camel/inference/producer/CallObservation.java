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
package io.github.camelinference.camel.inference.producer;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the component's observers how one call ended; never lets an observer's failure reach the route. */
public final class CallObservation {

    private static final Logger LOG = LoggerFactory.getLogger(CallObservation.class);

    private final List<CallObserver> observers;
    private final InferenceEndpoint endpoint;
    private final String requestModel;
    private final long startNanos;

    CallObservation(List<CallObserver> observers, InferenceEndpoint endpoint, String requestModel, long startNanos) {
        this.observers = observers;
        this.endpoint = endpoint;
        this.requestModel = requestModel;
        this.startNanos = startNanos;
    }

    void answered(ChatResponse response, CallInfo info) {
        for (CallObserver observer : observers) {
            try {
                observer.onAnswer(endpoint, requestModel, response, info);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
    }

    void failed(InferenceException error) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        for (CallObserver observer : observers) {
            try {
                observer.onError(endpoint, requestModel, error, millis);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
    }
}
