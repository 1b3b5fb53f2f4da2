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

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Spend kept in this JVM only: one budget per service instance. Each key and window is updated atomically. */
public class InMemorySpendStore implements SpendStore {

    private final Map<String, Double> spend = new ConcurrentHashMap<>();

    @Override
    public double add(String key, String window, double usd) {
        return spend.merge(key + "|" + window, usd, Double::sum);
    }

    @Override
    public double get(String key, String window) {
        return spend.getOrDefault(key + "|" + window, 0.0);
    }

    @Override
    public boolean reserve(String key, String window, double usd, double limitUsd) {
        boolean[] reserved = new boolean[1];
        // why: compute() runs the check and the add under the map's lock for this key, so no other call slips between
        spend.compute(key + "|" + window, (k, spent) -> {
            double now = spent == null ? 0.0 : spent;
            if (now >= limitUsd) {
                return spent;
            }
            reserved[0] = true;
            return now + usd;
        });
        return reserved[0];
    }

    @Override
    public double settle(String key, String window, double reservedUsd, double actualUsd) {
        return add(key, window, actualUsd - reservedUsd);
    }
}
