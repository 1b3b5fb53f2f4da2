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

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceConstants;
import org.apache.camel.Exchange;

/** Counts the provider calls one exchange makes (schema retries and tool rounds included). */
public final class CallCounter {

    private CallCounter() {
    }

    /** Counts this call on the exchange, and drops a redelivery delay left by an earlier call of ours. */
    public static void count(Exchange exchange) {
        // one shared counter: EIPs such as the circuit breaker work on copies of the exchange, which share it
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        if (calls == null) {
            calls = new AtomicInteger();
            exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, calls);
        }
        calls.incrementAndGet();
        if (exchange.removeProperty(InferenceConstants.DELAY_SET_PROPERTY) != null) {
            exchange.getMessage().removeHeader(InferenceConstants.REDELIVERY_DELAY);
        }
    }

    /** The calls this exchange has made so far; 1 when none were counted. */
    static int calls(Exchange exchange) {
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        return calls == null ? 1 : calls.get();
    }
}
