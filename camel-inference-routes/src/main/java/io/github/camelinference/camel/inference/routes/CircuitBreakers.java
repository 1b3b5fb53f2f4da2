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
package io.github.camelinference.camel.inference.routes;

import java.util.ArrayList;
import java.util.List;

import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;

/**
 * Finds a route's failover steps, whose {@code getCircuitBreakers()} and {@code getBreakerStates()} give each target's
 * breaker, to read its state or listen to its transitions.
 */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /**
     * @return the first failover step in the route (the {@code inference-failover} template has one), or null; its
     *         {@code getCircuitBreakers()} has one breaker per target
     */
    public static InferenceFailover failoverStep(Route route) {
        List<InferenceFailover> steps = failoverSteps(route);
        return steps.isEmpty() ? null : steps.get(0);
    }

    /**
     * @return every failover step in the route, in the order its steps are declared (a route with a JSON and a streamed
     *         branch, as the gateway's model template, has two)
     */
    public static List<InferenceFailover> failoverSteps(Route route) {
        List<InferenceFailover> steps = new ArrayList<>();
        collect(route.getProcessor(), steps);
        return steps;
    }

    private static void collect(Processor processor, List<InferenceFailover> steps) {
        if (processor instanceof InferenceFailover step) {
            steps.add(step);
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object child : navigate.next()) {
                if (child instanceof Processor p) {
                    collect(p, steps);
                }
            }
        }
    }
}
