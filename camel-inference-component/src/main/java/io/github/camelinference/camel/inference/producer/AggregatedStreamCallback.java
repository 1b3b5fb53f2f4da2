package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.CallInfo;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.StreamingCall;
import io.github.camelinference.camel.inference.stream.StreamListener;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/** {@code aggregateStream=true}: the exchange completes once, with the whole answer or the typed error. */
public final class AggregatedStreamCallback extends CompletionCallback implements StreamListener {

    public AggregatedStreamCallback(InferenceEndpoint endpoint, Exchange exchange, AsyncCallback callback,
                                    Executor continuations, CallObservation observation) {
        super(endpoint, exchange, callback, continuations, observation);
    }

    /** A cancellation from outside (a failover step dropping this call) aborts it and fails the exchange. */
    public void attach(StreamingCall call, CallCancellation cancellation) {
        cancellation.track(() -> {
            call.cancel();
            onError(CallFailures.cancelled(endpoint));
        });
    }

    @Override
    public void onToken(String text) {
        // the call accumulates the text itself
    }

    @Override
    public void onComplete(ChatResponse response, CallInfo info) {
        try {
            setAnswer(response, info);
        } catch (InferenceException error) {
            fail(error);
        }
        doneOnWorkerPool();
    }

    @Override
    public void onError(InferenceException error) {
        fail(error);
        doneOnWorkerPool();
    }
}
