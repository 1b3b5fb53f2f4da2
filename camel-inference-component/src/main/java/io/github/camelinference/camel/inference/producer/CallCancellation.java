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

import java.util.concurrent.Future;

import io.github.camelinference.camel.inference.InferenceConstants;
import org.apache.camel.Exchange;

/**
 * Aborts the HTTP call an exchange has in flight, the current one of a tool loop included. The producer puts one on the
 * exchange ({@link InferenceConstants#CANCEL_PROPERTY}); a failover step runs it to drop the loser of a hedge. The
 * exchange then completes with a cancelled error, so nothing is left in flight.
 */
public final class CallCancellation implements Runnable {

    private volatile Runnable current = () -> {
    };
    private volatile boolean cancelled;

    /** Puts a new cancellation on the exchange. */
    static CallCancellation on(Exchange exchange) {
        CallCancellation cancellation = new CallCancellation();
        exchange.setProperty(InferenceConstants.CANCEL_PROPERTY, cancellation);
        return cancellation;
    }

    /** From now on, cancelling aborts this non-streamed call (its future completes as cancelled). */
    void track(Future<?> call) {
        track(() -> call.cancel(true));
    }

    /** From now on, cancelling runs this. */
    void track(Runnable abort) {
        current = abort;
        if (cancelled) {
            abort.run(); // cancelled while the call was being started
        }
    }

    @Override
    public void run() {
        cancelled = true;
        current.run();
    }
}
