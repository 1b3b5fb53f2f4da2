package io.github.camelinference.camel.inference.producer;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.error.Failures;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/** Completes the exchange of a non-streamed call, with the answer or its typed error, on the worker pool. */
public final class AnswerCallback extends CompletionCallback {

    public AnswerCallback(InferenceEndpoint endpoint, Exchange exchange, AsyncCallback callback,
                          Executor continuations, CallObservation observation) {
        super(endpoint, exchange, callback, continuations, observation);
    }

    /** Completes the exchange once the answer (or its failure) is there. */
    public void completeWhenAnswered(CompletableFuture<ChatResult> answer) {
        answer.whenCompleteAsync(this::complete, continuations());
    }

    private void complete(ChatResult result, Throwable failure) {
        try {
            if (failure != null) {
                Throwable cause = Failures.unwrap(failure);
                throw cause instanceof CancellationException ? CallFailures.cancelled(endpoint) : cause;
            }
            setAnswer(result.response(), result.info());
        } catch (Throwable error) {
            fail(error);
        }
        done(); // already on the worker pool (whenCompleteAsync)
    }
}
