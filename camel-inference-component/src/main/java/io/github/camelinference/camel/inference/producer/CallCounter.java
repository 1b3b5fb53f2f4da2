package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceConstants;
import org.apache.camel.Exchange;

/** Counts the provider calls one exchange makes (schema retries and tool rounds included). */
public final class CallCounter {

    private CallCounter() {
    }

    /** Counts this call on the exchange, and drops a redelivery delay left by an earlier call of ours. */
    public static void count(Exchange exchange) {
        // one shared counter: EIPs such as the circuit breaker work on copies of the exchange, which share it
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        if (calls == null) {
            calls = new AtomicInteger();
            exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, calls);
        }
        calls.incrementAndGet();
        if (exchange.removeProperty(InferenceConstants.DELAY_SET_PROPERTY) != null) {
            exchange.getMessage().removeHeader(InferenceConstants.REDELIVERY_DELAY);
        }
    }

    /** The calls this exchange has made so far; 1 when none were counted. */
    static int calls(Exchange exchange) {
        AtomicInteger calls = exchange.getProperty(InferenceConstants.CALL_COUNT_PROPERTY, AtomicInteger.class);
        return calls == null ? 1 : calls.get();
    }
}
