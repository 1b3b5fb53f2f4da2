package io.github.camelinference.camel.inference.routes;

import java.util.function.Predicate;

import io.github.camelinference.camel.inference.routes.failover.InferenceFailover;
import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/** Finds the circuit breakers of a route, to read their state or listen to their transitions. */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /**
     * @return the first failover step in the route (the {@code inference-failover} template has one), or null; its
     *         {@code getCircuitBreakers()} has one breaker per target
     */
    public static InferenceFailover failoverStep(Route route) {
        return (InferenceFailover) find(route.getProcessor(), InferenceFailover.class::isInstance);
    }

    /**
     * @return the first circuit breaker EIP in the route (the {@code inference-failover-eip} template has one), or
     *         null
     */
    public static ResilienceProcessor of(Route route) {
        return (ResilienceProcessor) find(route.getProcessor(), ResilienceProcessor.class::isInstance);
    }

    private static Processor find(Processor processor, Predicate<Processor> wanted) {
        if (wanted.test(processor)) {
            return processor;
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object child : navigate.next()) {
                Processor found = child instanceof Processor p ? find(p, wanted) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
