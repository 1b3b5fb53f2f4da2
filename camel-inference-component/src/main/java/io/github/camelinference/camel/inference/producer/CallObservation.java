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

import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.EndpointObservers;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;

/** Tells the endpoint's observers how one call ended, with its latency. */
public final class CallObservation {

    private final EndpointObservers observers;
    private final String requestModel;
    private final long startNanos;

    CallObservation(EndpointObservers observers, String requestModel, long startNanos) {
        this.observers = observers;
        this.requestModel = requestModel;
        this.startNanos = startNanos;
    }

    void answered(ChatResponse response, CallInfo info) {
        observers.answered(requestModel, response, info);
    }

    void failed(InferenceException error) {
        observers.failed(requestModel, error, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }
}
