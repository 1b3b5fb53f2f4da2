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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.Set;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;

/**
 * Publishes a failover step's breakers to the application's Micrometer registry (resilience4j's own meters:
 * {@code resilience4j.circuitbreaker.state}, {@code .calls}, {@code .failure.rate}, … tagged with the breaker's name,
 * {@code <route>.<target>}). Loaded only when Micrometer and resilience4j-micrometer are on the classpath.
 */
final class BreakerMetrics {

    private static final boolean PRESENT = present("io.micrometer.core.instrument.MeterRegistry")
            && present("io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics");

    private BreakerMetrics() {
    }

    /** Binds the breakers to the one MeterRegistry in the Camel registry, if there is exactly one. */
    static void bind(CamelContext camel, CircuitBreakerRegistry breakers) {
        if (PRESENT) {
            Binder.bind(camel, breakers);
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, BreakerMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so that this class loads without Micrometer. */
    private static final class Binder {

        static void bind(CamelContext camel, CircuitBreakerRegistry breakers) {
            Set<MeterRegistry> registries = camel.getRegistry().findByType(MeterRegistry.class);
            if (registries.size() == 1) {
                TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registries.iterator().next());
            }
        }
    }
}
