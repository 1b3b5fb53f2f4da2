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
import java.util.function.Consumer;

import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component's observers as one endpoint's calls reach them: each is told which endpoint made the call, and one
 * observer's failure never reaches another observer or the route. Built by the endpoint, so the producer hands on how a
 * call ended without holding the endpoint.
 */
public final class EndpointObservers {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointObservers.class);

    private final InferenceEndpoint endpoint;
    private final List<CallObserver> observers;

    /** @param observers the component's observers (a live list: observers added later are told too) */
    EndpointObservers(InferenceEndpoint endpoint, List<CallObserver> observers) {
        this.endpoint = endpoint;
        this.observers = observers;
    }

    public void answered(String requestModel, ChatResponse response, CallInfo info) {
        tell(observer -> observer.onAnswer(endpoint, requestModel, response, info));
    }

    public void failed(String requestModel, InferenceException error, long latencyMillis) {
        tell(observer -> observer.onError(endpoint, requestModel, error, latencyMillis));
    }

    private void tell(Consumer<CallObserver> what) {
        for (CallObserver observer : observers) {
            try {
                what.accept(observer);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
    }
}
