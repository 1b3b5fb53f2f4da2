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
package io.github.camelinference.benchmark;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.routes.failover.FailoverConstants;
import org.apache.camel.Exchange;

/**
 * The steps of the {@code inference-failover-eip} template ({@code failover-eip.yaml}, the failover on Camel's
 * circuitBreaker EIP that docs/failover-circuit-breaker-eip.md describes) that YAML cannot express.
 * {@code direct:inference-call} hands a final failure back in a property rather than as the exchange's exception,
 * because an error its retry policy has exhausted is one no outer error handler or {@code doCatch} would act on again;
 * these steps throw it afresh where the template decides: inside the circuit breaker for errors another provider can
 * fix (the breaker counts it and calls the fallback), after the breaker for the ones it cannot (400, 422, content
 * filter: they neither count against the provider nor trigger the fallback), and out of the fallback when even it
 * failed, so the caller's error handler (a dead-letter channel, say) gets it.
 */
public final class FailoverEipSupport {

    /** The exchange property in which {@code direct:inference-call} hands back its final failure. */
    public static final String FAILURE = "CamelInferenceFailure";

    /** The exchange property holding an error that must reach the caller unchanged. */
    public static final String NOT_FAILOVERABLE = "CamelInferenceNotFailoverable";

    /**
     * Starts the exchange's attempt count before the circuit breaker copies the exchange, so the
     * {@code CamelInferenceAttempts} header counts the primary's calls as well as the fallback's.
     */
    public void begin(Exchange exchange) {
        exchange.setProperty(InferenceConstants.CALL_COUNT_PROPERTY, new AtomicInteger());
        exchange.getMessage().setHeader(FailoverConstants.FALLBACK_USED, false);
    }

    /** After the primary: fail the breaker's call with an error another provider can fix; keep any other. */
    public void afterPrimary(Exchange exchange) throws Exception {
        Exception error = (Exception) exchange.removeProperty(FAILURE);
        if (error == null) {
            return;
        }
        if (error instanceof InferenceException e && !e.isFailoverable()) {
            exchange.setProperty(NOT_FAILOVERABLE, error);
            return;
        }
        throw error;
    }

    /** Marks the answer as the fallback's. */
    public void fallingBack(Exchange exchange) {
        exchange.getMessage().setHeader(FailoverConstants.FALLBACK_USED, true);
    }

    /** After the fallback: its failure is the caller's. */
    public void afterFallback(Exchange exchange) throws Exception {
        Exception error = (Exception) exchange.removeProperty(FAILURE);
        if (error != null) {
            throw error;
        }
    }

    /** After the breaker: an error no provider can fix reaches the caller as it was. */
    public void rethrowNotFailoverable(Exchange exchange) throws Exception {
        Exception error = (Exception) exchange.removeProperty(NOT_FAILOVERABLE);
        if (error != null) {
            throw error;
        }
    }
}
