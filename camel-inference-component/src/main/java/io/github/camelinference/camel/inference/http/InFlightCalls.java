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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The calls of a set of clients that have started and not yet ended, so whoever owns the clients can let them finish
 * and then end the rest with an error instead of dropping them: every call ends exactly once, even across a stop.
 */
public final class InFlightCalls {

    /** A call that can be ended from outside with an error. */
    interface Call {
        /** Ends the call, if it has not ended yet, with an error saying why. */
        void abort(String reason);
    }

    private final Set<Call> calls = ConcurrentHashMap.newKeySet();
    private final InFlightCalls parent;

    public InFlightCalls() {
        this(null);
    }

    private InFlightCalls(InFlightCalls parent) {
        this.parent = parent;
    }

    /**
     * A part of these calls that can be ended on its own: the calls of one shared HTTP client within the component's.
     * Its calls count here too.
     */
    public InFlightCalls part() {
        return new InFlightCalls(this);
    }

    /** The whole set this is a part of (itself when it is no part). */
    InFlightCalls whole() {
        return parent == null ? this : parent.whole();
    }

    void add(Call call) {
        calls.add(call);
        if (parent != null) {
            parent.add(call);
        }
    }

    void remove(Call call) {
        calls.remove(call);
        if (parent != null) {
            parent.remove(call);
        }
    }

    /** How many calls are in flight now. */
    public int size() {
        return calls.size();
    }

    /**
     * Waits until no call is in flight, or the grace period is over.
     *
     * @return whether every call ended by itself
     */
    public boolean awaitEmpty(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!calls.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10); // why polling: a stop happens once; a condition would cost every call
        }
        return calls.isEmpty();
    }

    /**
     * Ends every call still in flight with an error giving the reason.
     *
     * @return how many calls were ended
     */
    public int abortAll(String reason) {
        List<Call> remaining = new ArrayList<>(calls);
        remaining.forEach(call -> call.abort(reason));
        remaining.forEach(this::remove);
        return remaining.size();
    }
}
