package io.github.camelinference.camel.inference.routes;

import org.apache.camel.Navigate;
import org.apache.camel.Processor;
import org.apache.camel.Route;
import org.apache.camel.component.resilience4j.ResilienceProcessor;

/** Finds the circuit breaker of a route, to read its state or listen to its transitions. */
public final class CircuitBreakers {

    private CircuitBreakers() {
    }

    /**
     * @return the first circuit breaker in the route (the {@code inference-failover} template has one), or null
     */
    public static ResilienceProcessor of(Route route) {
        return find(route.getProcessor());
    }

    private static ResilienceProcessor find(Processor processor) {
        if (processor instanceof ResilienceProcessor breaker) {
            return breaker;
        }
        if (processor instanceof Navigate<?> navigate && navigate.hasNext()) {
            for (Object next : navigate.next()) {
                ResilienceProcessor found = next instanceof Processor p ? find(p) : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
