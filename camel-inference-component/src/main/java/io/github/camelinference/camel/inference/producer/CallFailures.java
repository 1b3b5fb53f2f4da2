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
package io.github.camelinference.camel.inference.producer;

import java.util.Locale;

import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import io.github.camelinference.camel.inference.provider.ProviderType;
import org.apache.camel.Exchange;

/** Puts a failed call on its exchange: the error, explained where we can, and the provider's Retry-After. */
public final class CallFailures {

    private CallFailures() {
    }

    /**
     * Fails the exchange; a provider's {@code Retry-After} becomes the delay of Camel's next redelivery, unless it is
     * longer than maxRetryAfter.
     */
    public static void fail(
            EndpointOptions options, Exchange exchange, Throwable failure,
            CallObservation observation) {
        Throwable error = explainStructuredOutputRefusal(options, failure);
        exchange.setException(error);
        if (observation != null && error instanceof InferenceException e) {
            observation.failed(e);
        }
        if (error instanceof InferenceException e && e.getRetryAfter() != null
                && options.completion().honourRetryAfter()
                && e.getRetryAfterMillis() <= options.completion().maxRetryAfterMillis()) {
            exchange.getMessage().setHeader(InferenceConstants.REDELIVERY_DELAY, e.getRetryAfterMillis());
            exchange.setProperty(InferenceConstants.DELAY_SET_PROPERTY, true);
        }
    }

    /** The error for a message or a model's tool call that this endpoint cannot send or run. */
    static InferenceException invalidInput(String provider, String message) {
        return InferenceException.of(ErrorKind.INVALID_REQUEST, ErrorDetails.of(provider, message), null);
    }

    /** The error of a call cancelled from outside (a client that hung up, a hedge's loser) before it ended. */
    static InferenceException cancelled(String provider) {
        return InferenceException.of(ErrorKind.CANCELLED, ErrorDetails.of(provider,
                "the call was cancelled by its caller before it ended (" + InferenceConstants.CANCEL_PROPERTY + ")"),
                null);
    }

    /**
     * Router backends differ in structured-output support; when one rejects the schema, say so and how to pick one that
     * takes it, instead of a bare 400.
     */
    private static Throwable explainStructuredOutputRefusal(EndpointOptions options, Throwable error) {
        if (!(error instanceof InferenceException e) || e.getKind() != ErrorKind.INVALID_REQUEST
                || !options.output().checksSchema() || options.providerType() != ProviderType.HUGGINGFACE) {
            return error;
        }
        String said = String.valueOf(e.getProviderMessage()).toLowerCase(Locale.ROOT);
        if (!said.contains("response_format") && !said.contains("json_schema") && !said.contains("structured")
                && !said.contains("grammar")) {
            return error;
        }
        ErrorDetails d = e.getDetails();
        return InferenceException.of(e.getKind(), new ErrorDetails(
                d.provider(), d.httpStatus(), d.errorType(),
                d.errorCode(), d.providerMessage() + " (this router backend does not take a JSON schema: pick one"
                               + " whose supports_structured_output is true in GET /v1/models and pin it with"
                               + " routerPolicy=<backend>)",
                d.requestId(), d.retryAfter()), e);
    }
}
