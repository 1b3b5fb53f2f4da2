package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.TimeUnit;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the component's observers how one call ended; never lets an observer's failure reach the route. */
public final class CallObservation {

    private static final Logger LOG = LoggerFactory.getLogger(CallObservation.class);

    private final InferenceEndpoint endpoint;
    private final String requestModel;
    private final long startNanos;

    public CallObservation(InferenceEndpoint endpoint, String requestModel, long startNanos) {
        this.endpoint = endpoint;
        this.requestModel = requestModel;
        this.startNanos = startNanos;
    }

    void answered(ChatResponse response, CallInfo info) {
        for (CallObserver observer : endpoint.getComponent().observers()) {
            try {
                observer.onAnswer(endpoint.getProvider(), requestModel, response, info);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
    }

    void failed(InferenceException error) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        for (CallObserver observer : endpoint.getComponent().observers()) {
            try {
                observer.onError(endpoint.getProvider(), requestModel, error, millis);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
    }
}
