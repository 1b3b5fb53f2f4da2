package io.github.camelinference.camel.inference.routes.failover;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.AsyncProcessor;

/** One target of a failover step: its position, its name in headers and logs, the step that calls it, its breaker. */
record FailoverTarget(int index, String name, AsyncProcessor processor, CircuitBreaker breaker) {
}
