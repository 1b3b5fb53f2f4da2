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

import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.EndpointObservers;
import io.github.camelinference.camel.inference.http.ChatClient;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import io.github.camelinference.camel.inference.telemetry.CallTarget;
import io.github.camelinference.camel.inference.telemetry.InferenceTelemetry;

/**
 * What every call of a started endpoint shares, handed to its producer once: the options, the client, the account's
 * rate limiter, where its spans and observers go, and the component's worker pool.
 *
 * @param limiter       the account's rate limiter; null without requestsPerMinute and tokensPerMinute
 * @param continuations the worker pool the route carries on in: never an HTTP client's I/O thread
 * @param observers     the component's observers, told which endpoint made each call
 */
public record EndpointServices(EndpointOptions options, ChatClient client, RateLimiter limiter, Executor continuations,
        InferenceTelemetry telemetry, CallTarget target, EndpointObservers observers, ModelChanges modelChanges) {
}
