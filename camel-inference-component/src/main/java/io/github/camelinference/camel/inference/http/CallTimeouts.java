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
package io.github.camelinference.camel.inference.http;

import java.time.Duration;

/**
 * The timeouts of one call: the endpoint's, unless the message overrides them (a failover step tuning every target in
 * one place does, and so does a message that asks for more reasoning than the endpoint).
 *
 * @param request    a non-streamed call's whole answer
 * @param firstToken a streamed call's first text delta
 * @param streamIdle a streamed call's longest silence between two events once the answer started
 */
public record CallTimeouts(Duration request, Duration firstToken, Duration streamIdle) {

    /** The endpoint's own timeouts, with the given overrides where they are not null. */
    public static CallTimeouts of(ChatClient.Settings settings, Long requestMillis, Long firstTokenMillis) {
        return of(settings, requestMillis, firstTokenMillis, null);
    }

    /** The endpoint's own timeouts, with the given overrides where they are not null. */
    public static CallTimeouts of(
            ChatClient.Settings settings, Long requestMillis, Long firstTokenMillis,
            Long streamIdleMillis) {
        return new CallTimeouts(
                requestMillis == null ? settings.requestTimeout() : Duration.ofMillis(requestMillis),
                firstTokenMillis == null ? settings.firstTokenTimeout() : Duration.ofMillis(firstTokenMillis),
                streamIdleMillis == null ? settings.streamIdleTimeout() : Duration.ofMillis(streamIdleMillis));
    }
}
