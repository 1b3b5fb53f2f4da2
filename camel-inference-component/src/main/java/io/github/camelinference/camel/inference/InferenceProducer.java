package io.github.camelinference.camel.inference;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.error.Failures;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.producer.AggregatedStreamCallback;
import io.github.camelinference.camel.inference.producer.AnswerCallback;
import io.github.camelinference.camel.inference.producer.BudgetCheck;
import io.github.camelinference.camel.inference.producer.CallCancellation;
import io.github.camelinference.camel.inference.producer.CallCounter;
import io.github.camelinference.camel.inference.producer.CallFailures;
import io.github.camelinference.camel.inference.producer.CallObservation;
import io.github.camelinference.camel.inference.producer.IteratingStreamCallback;
import io.github.camelinference.camel.inference.producer.MessageParameters;
import io.github.camelinference.camel.inference.producer.RateLimitCheck;
import io.github.camelinference.camel.inference.producer.StreamedToolRounds;
import io.github.camelinference.camel.inference.producer.ToolLoop;
import io.github.camelinference.camel.inference.ratelimit.RateLimiter;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * Sends the message to the provider and completes the exchange when the answer arrives, without holding a thread
 * meanwhile. Streamed calls complete the exchange at the first text delta, so everything that can fail before an
 * answer starts (HTTP errors, first-token timeout, an error event) fails the exchange itself, where a circuit breaker
 * or failover can still act; what fails later ends the body's iteration with the typed error.
 * <p>
 * This class keeps the lifecycle and the dispatch; the {@code producer} package holds the rest: how a message is
 * read ({@link MessageParameters}), the budget ({@link BudgetCheck}), the tool loop ({@link ToolLoop}), the observers
 * ({@link CallObservation}) and the callbacks that complete the exchange.
 */
public class InferenceProducer extends DefaultAsyncProducer {

    private final InferenceEndpoint endpoint;
    private ProducerTemplate tools;
    private ToolLoop toolLoop;

    public InferenceProducer(InferenceEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (!endpoint.tools().isEmpty()) {
            tools = endpoint.getCamelContext().createProducerTemplate();
            tools.start();
        }
        toolLoop = new ToolLoop(endpoint, tools);
    }

    @Override
    protected void doStop() throws Exception {
        if (tools != null) {
            tools.stop();
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        CallCounter.count(exchange);
        try {
            ChatParameters parameters = endpoint.modelChanges().first(exchange, MessageParameters.of(endpoint, exchange));
            return send(exchange, againOnModelChange(exchange, callback, parameters, 1), parameters);
        } catch (RuntimeException e) {
            // nothing escapes process(): bad input, or a call that could not even start, fails this exchange alone
            CallFailures.fail(endpoint, exchange, e, null);
            callback.done(true);
            return true;
        }
    }

    /**
     * Completes the exchange, unless its call failed in a way a model change answers (a retired model's successor, a
     * refused parameter left out): then the call is sent again, within the same exchange.
     */
    private AsyncCallback againOnModelChange(Exchange exchange, AsyncCallback callback, ChatParameters sent,
                                             int attempt) {
        return doneSync -> {
            ChatParameters next = exchange.getException() instanceof InferenceException failure
                    ? endpoint.modelChanges().next(exchange, sent, failure, attempt) : null;
            if (next == null) {
                callback.done(doneSync);
                return;
            }
            exchange.setException(null);
            CallCounter.count(exchange);
            try {
                send(exchange, againOnModelChange(exchange, callback, next, attempt + 1), next);
            } catch (RuntimeException notSent) {
                CallFailures.fail(endpoint, exchange, notSent, null);
                callback.done(false);
            }
        };
    }

    private boolean send(Exchange exchange, AsyncCallback callback, ChatParameters parameters) {
        CallTimeouts timeouts = MessageParameters.timeouts(endpoint, exchange);
        Executor continuations = endpoint.getComponent().continuations();
        CallObservation observation = new CallObservation(endpoint, parameters.model(), System.nanoTime());
        CallCancellation cancellation = CallCancellation.on(exchange);
        if (!parameters.stream()) {
            AnswerCallback answered = new AnswerCallback(endpoint, exchange, callback, continuations, observation);
            answered.completeWhenAnswered(toolLoop.answer(exchange, parameters, timeouts));
            return false;
        }
        // a streamed call is one HTTP call: it takes its share of the rate limits, then is reserved against the budget
        CompletableFuture<RateLimiter.Permit> permitted = RateLimitCheck.acquire(endpoint, parameters);
        if (permitted.isDone()) {
            // at once (no limit, or the in-memory store): on this thread; a refusal fails this exchange in process()
            RateLimiter.Permit permit;
            try {
                permit = permitted.join();
            } catch (CompletionException refused) {
                throw refused.getCause() instanceof RuntimeException cause ? cause : refused;
            }
            stream(exchange, callback, parameters, timeouts, observation, cancellation, permit);
            return false;
        }
        // why the worker pool: the permit completes on the store's I/O thread or the timer, which must not send calls
        permitted.whenCompleteAsync((permit, refused) -> {
            try {
                if (refused != null) {
                    throw Failures.unwrap(refused);
                }
                stream(exchange, callback, parameters, timeouts, observation, cancellation, permit);
            } catch (Throwable notSent) {
                CallFailures.fail(endpoint, exchange, notSent, observation);
                callback.done(false);
            }
        }, continuations);
        return false;
    }

    /** Starts a streamed call that holds its permit: reserved against the budget, both settled when it ends. */
    private void stream(Exchange exchange, AsyncCallback callback, ChatParameters parameters, CallTimeouts timeouts,
                        CallObservation observation, CallCancellation cancellation, RateLimiter.Permit permit) {
        Executor continuations = endpoint.getComponent().continuations();
        BudgetGuard.Reservation reservation = BudgetCheck.reserve(endpoint, exchange, parameters, permit);
        try {
            if (endpoint.getConfiguration().isAggregateStream()) {
                AggregatedStreamCallback listener
                        = new AggregatedStreamCallback(endpoint, exchange, callback, continuations, observation,
                        new StreamedToolRounds(endpoint, toolLoop, exchange, parameters, timeouts));
                listener.attach(endpoint.client().stream(parameters, RateLimitCheck.settling(permit,
                        BudgetCheck.settling(endpoint, reservation, listener)), timeouts), cancellation);
            } else {
                IteratingStreamCallback listener
                        = new IteratingStreamCallback(endpoint, exchange, callback, continuations, observation,
                        new StreamedToolRounds(endpoint, toolLoop, exchange, parameters, timeouts));
                listener.attach(endpoint.client().stream(parameters, RateLimitCheck.settling(permit,
                        BudgetCheck.settling(endpoint, reservation, listener)), timeouts), cancellation);
            }
        } catch (RuntimeException notSent) {
            BudgetCheck.release(reservation);
            RateLimitCheck.release(permit);
            throw notSent;
        }
    }
}
