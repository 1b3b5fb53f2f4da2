package io.github.camelinference.camel.inference.routes;

import io.github.camelinference.camel.inference.InferenceConstants;
import org.apache.camel.Exchange;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps of the failover template that YAML cannot express: starting the attempt count, and failing the exchange again with the very error a
 * provider gave for a request no other provider can fix (400, 422, content filter). The template catches such an
 * error inside the circuit breaker, so that it neither counts against the provider's health nor triggers the
 * fallback, and hands it back here, after the breaker, to the caller.
 */
public final class FailoverSupport {

    /** Header: whether the fallback answered. */
    public static final String FALLBACK_USED = "CamelInferenceFallbackUsed";

    /** The exchange property holding an error that must reach the caller unchanged. */
    public static final String NOT_FAILOVERABLE = "CamelInferenceNotFailoverable";

    /**
     * Starts the exchange's attempt count before the circuit breaker copies the exchange, so the
     * {@code CamelInferenceAttempts} header counts the primary's calls as well as the fallback's.
     */
    public void begin(Exchange exchange) {
        exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, new AtomicInteger());
        exchange.getMessage().setHeader(FALLBACK_USED, false);
    }

    /** Marks the answer as the fallback's. */
    public void fallingBack(Exchange exchange) {
        exchange.getMessage().setHeader(FALLBACK_USED, true);
    }

    public void rethrowNotFailoverable(Exchange exchange) throws Exception {
        Exception error = exchange.getProperty(NOT_FAILOVERABLE, Exception.class);
        if (error != null) {
            exchange.removeProperty(NOT_FAILOVERABLE);
            throw error;
        }
    }
}
