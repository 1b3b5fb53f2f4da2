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
package io.github.camelinference.camel.inference.budget;

/**
 * Where spend is kept, per budget key and window. In memory by default; a shared store lets several instances of a
 * service spend one budget.
 * <p>
 * A call is guarded in two steps: {@link #reserve} adds its maximum cost before it is sent, if the key still has
 * budget, and {@link #settle} replaces that reservation with what the call really cost once it is known. Both must be
 * atomic per key and window, or parallel calls overspend: the defaults here are not, and exist only so that stores
 * written for earlier versions keep compiling; every store shared between threads overrides them.
 */
public interface SpendStore {

    /** Adds to the key's spend in the window and returns the new total (USD). */
    double add(String key, String window, double usd);

    /** The key's spend in the window so far, reservations of calls in flight included (USD). */
    double get(String key, String window);

    /**
     * Atomically: when the key's spend in the window is below {@code limitUsd}, adds {@code usd} to it and returns
     * true; otherwise changes nothing and returns false.
     */
    default boolean reserve(String key, String window, double usd, double limitUsd) {
        if (get(key, window) >= limitUsd) {
            return false;
        }
        add(key, window, usd);
        return true;
    }

    /**
     * Atomically replaces a reservation by the real cost: adds {@code actualUsd − reservedUsd} to the key's spend in
     * the window (the window the reservation was made in) and returns the new total (USD).
     */
    default double settle(String key, String window, double reservedUsd, double actualUsd) {
        return add(key, window, actualUsd - reservedUsd);
    }
}
