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
package io.github.camelinference.camel.inference.springboot;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * Judges each provider by the calls the application really makes (no probe traffic, no cost): a provider whose last
 * {@value #UNREACHABLE_AFTER} calls in a row could not reach it — refused, reset, timed out, 5xx — is unreachable until
 * a call succeeds again.
 */
public class ProviderReachability implements CallObserver {

    static final int UNREACHABLE_AFTER = 3;
    private static final Set<ErrorKind> NOT_REACHED = EnumSet.of(ErrorKind.CONNECTION_FAILED, ErrorKind.TIMEOUT,
            ErrorKind.PROVIDER_UNAVAILABLE, ErrorKind.STREAM_INTERRUPTED);

    /** What is known of one provider. */
    public record State(int failuresInARow, Instant lastAnswer, String lastError) {

        public boolean reachable() {
            return failuresInARow < UNREACHABLE_AFTER;
        }
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();

    @Override
    public void onAnswer(String provider, String requestModel, ChatResponse response, CallInfo info) {
        states.put(provider, new State(0, Instant.now(), null));
    }

    @Override
    public void onError(String provider, String requestModel, InferenceException error, long latencyMillis) {
        if (NOT_REACHED.contains(error.getKind())) {
            states.compute(provider, (name, old) -> new State(
                    old == null ? 1 : old.failuresInARow() + 1,
                    old == null ? null : old.lastAnswer(), error.getKind().name()));
        }
    }

    public Map<String, State> states() {
        return new TreeMap<>(states);
    }
}
