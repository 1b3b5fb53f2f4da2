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
package io.github.camelinference.camel.inference.routes.failover;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.CallCancelledException;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.routes.InferenceTestSupport;
import io.github.camelinference.simulator.Flavour;
import io.github.camelinference.simulator.ProviderSimulator;
import io.github.camelinference.simulator.Reply;
import io.github.camelinference.simulator.junit.Simulator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A call cancelled inside a target (its producer's or an inner failover step's {@code CamelInferenceCancel} run by
 * whoever holds that exchange) is no provider failure: an outer failover step hands it to its caller without trying the
 * next target or touching its breakers, and an error handler that retries retryable errors does not retry it.
 */
class CancelledCallTest extends InferenceTestSupport {

    private static final String PATIENT = "&requestTimeout=60000";

    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    private static ProviderSimulator primary;
    @Simulator(value = Flavour.OPENAI, resetBeforeEach = true)
    private static ProviderSimulator fallback;

    /** The exchange the cancellable target's route runs on: the one whose call the test cancels. */
    private final AtomicReference<Exchange> inner = new AtomicReference<>();

    @BeforeEach
    void forgetInnerExchange() {
        inner.set(null);
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        String first = "inference:openai?baseUrl=" + primary.baseUrl() + "&apiKey=sk-test" + PATIENT;
        String second = "inference:openai?baseUrl=" + fallback.baseUrl() + "&apiKey=sk-test" + PATIENT;
        return new RouteBuilder() {
            @Override
            public void configure() {
                // the outer step's first target is a route whose producer call gets cancelled
                from("direct:outerOverProducer")
                        .loadBalance(bind("outerOverProducer", new InferenceFailover().retryDelay(20)))
                        .to("direct:cancellableProducer")
                        .to(second)
                        .end();
                from("direct:cancellableProducer").errorHandler(noErrorHandler())
                        .process(inner::set)
                        .to(first);

                // the outer step's first target is itself a failover step, whose call gets cancelled
                from("direct:outerOverStep")
                        .loadBalance(bind("outerOverStep", new InferenceFailover().retryDelay(20)))
                        .to("direct:cancellableStep")
                        .to(second)
                        .end();
                from("direct:cancellableStep").errorHandler(noErrorHandler())
                        .process(inner::set)
                        .loadBalance(new InferenceFailover().retryDelay(20))
                        .to(first)
                        .end();

                // a plain route that retries what is retryable
                from("direct:retrying")
                        .onException(InferenceException.class).onWhen(simple("${exception.retryable}"))
                        .maximumRedeliveries(3).redeliveryDelay(10)
                        .end()
                        .process(inner::set)
                        .to(first);
            }

            private InferenceFailover bind(String name, InferenceFailover step) {
                getContext().getRegistry().bind(name, step);
                return step;
            }
        };
    }

    @Test
    void anOuterFailoverStepDoesNotFailOverACallWhoseProducerWasCancelled() throws Exception {
        primary.always(Reply.stall());

        Exchange result = cancelInnerCall("outerOverProducer");

        assertInstanceOf(CallCancelledException.class, result.getException());
        // a failover would have called the next target before completing (it answers): the counts are final
        assertEquals(1, primary.requestCount(), "no retry of the cancelled call");
        assertEquals(0, fallback.requestCount(), "no next target");
        assertBreakerUntouched("outerOverProducer");
    }

    @Test
    void anOuterFailoverStepDoesNotFailOverACallWhoseInnerStepWasCancelled() throws Exception {
        primary.always(Reply.stall());

        Exchange result = cancelInnerCall("outerOverStep");

        assertInstanceOf(CallCancelledException.class, result.getException());
        assertEquals(1, primary.requestCount(), "no retry of the cancelled call");
        assertEquals(0, fallback.requestCount(), "no next target");
        assertBreakerUntouched("outerOverStep");
    }

    @Test
    void anErrorHandlerRetryingRetryableErrorsDoesNotRetryACancelledCall() throws Exception {
        primary.always(Reply.stall());

        Exchange result = cancelInnerCall("retrying");

        assertInstanceOf(CallCancelledException.class, result.getException());
        // a redelivery would have called the stalling primary again and never completed
        assertEquals(1, primary.requestCount(), "no redelivery of the cancelled call");
    }

    /** Sends a call, cancels the inner exchange's call once the primary has its request, returns the result. */
    private Exchange cancelInnerCall(String route) throws Exception {
        CompletableFuture<Exchange> done = template.asyncSend("direct:" + route, e -> e.getMessage().setBody("Hi"));
        awaitUntil(() -> primary.requestCount() == 1);
        assertEquals(1, primary.requestCount(), "the call reached the provider");
        assertFalse(done.isDone(), "the call is still waiting for its answer");

        ((Runnable) inner.get().getProperty(InferenceConstants.CANCEL_PROPERTY)).run();

        return done.get(10, TimeUnit.SECONDS);
    }

    /** A cancelled call says nothing about its target's health: neither a success nor a failure is recorded. */
    private void assertBreakerUntouched(String step) {
        InferenceFailover failover = context.getRegistry().lookupByNameAndType(step, InferenceFailover.class);
        for (CircuitBreaker breaker : List.copyOf(failover.getCircuitBreakers().values())) {
            assertEquals(CircuitBreaker.State.CLOSED, breaker.getState());
            assertEquals(0, breaker.getMetrics().getNumberOfBufferedCalls(), "calls recorded: "
                                                                             + breaker.getMetrics());
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
