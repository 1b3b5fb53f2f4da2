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

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import io.github.camelinference.camel.inference.CallObserver;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import io.github.camelinference.camel.inference.lifecycle.UnsupportedParameters;
import io.github.camelinference.camel.inference.lifecycle.UnsupportedParameters.Adjustment;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import io.github.camelinference.camel.inference.telemetry.InferenceTelemetry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an endpoint answering when its model is retired or replaced, within the same exchange and with no failover
 * step: a model past its shutdown date, or one the provider answered model-not-found for, is called as its successor
 * ({@code modelSuccessor}, {@code modelSuccessors}); with {@code dropUnsupportedParams}, a parameter value the model
 * refuses is left out or replaced and the call sent once more. What it learns (a model is gone, a value is refused) is
 * kept, so later calls go the right way at once instead of failing first.
 */
public final class ModelChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ModelChanges.class);
    /** Each refused parameter is adjusted once; a request has few that can be. */
    private static final int MAX_ADJUSTMENTS = 3;

    private final EndpointOptions options;
    private final Clock clock;
    private final Function<String, LocalDate> catalogShutdownDates;
    private final Predicate<String> firstWarning;
    private final InferenceTelemetry telemetry;
    private final List<CallObserver> observers;
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Adjustment>> learned = new ConcurrentHashMap<>();

    /**
     * @param catalogShutdownDates a model's shutdown date by the provider's model list; null while unknown
     * @param firstWarning         whether a warning of this key is logged for the first time (once per CamelContext)
     */
    public ModelChanges(EndpointOptions options, Clock clock, Function<String, LocalDate> catalogShutdownDates,
                        Predicate<String> firstWarning, InferenceTelemetry telemetry, List<CallObserver> observers) {
        this.options = options;
        this.clock = clock;
        this.catalogShutdownDates = catalogShutdownDates;
        this.firstWarning = firstWarning;
        this.telemetry = telemetry;
        this.observers = observers;
    }

    /**
     * The request to send first: its model replaced by the successor when it is retired, and the changes already
     * learned for that model applied.
     */
    public ChatParameters first(Exchange exchange, ChatParameters asked) {
        ChatParameters parameters = asked;
        if (!options.succession().isEmpty()) {
            String model = options.bareModel(asked.model());
            String current = options.succession().modelFor(model, LocalDate.now(clock), catalogShutdownDates,
                    gone::contains);
            if (!current.equals(model)) {
                parameters = substituted(exchange, parameters, model, current,
                        gone.contains(model) ? "model-not-found" : "shutdown-date");
            }
        }
        return learnedFor(parameters);
    }

    /**
     * The request to send again after this failure, or null when the failure stands: model-not-found for a model with a
     * successor, or a refused parameter with {@code dropUnsupportedParams}.
     *
     * @param attempts the calls this exchange has made for this message so far
     */
    public ChatParameters next(Exchange exchange, ChatParameters failed, InferenceException error, int attempts) {
        if (error.getKind() == ErrorKind.MODEL_NOT_FOUND) {
            String model = options.bareModel(failed.model());
            String successor = options.succession().successorOf(model);
            if (successor == null) {
                return null;
            }
            gone.add(model);
            return learnedFor(substituted(exchange, failed, model, successor, "model-not-found"));
        }
        if (!options.completion().dropUnsupportedParams() || attempts > MAX_ADJUSTMENTS) {
            return null;
        }
        Adjustment adjustment = UnsupportedParameters.adjustmentFor(failed, error);
        if (adjustment == null) {
            return null;
        }
        learned.computeIfAbsent(failed.model(), m -> new CopyOnWriteArrayList<>()).add(adjustment);
        if (firstWarning.test("dropped " + failed.model() + " " + adjustment.parameter())) {
            LOG.warn("inference:{}: model {} refused {}; the call is sent again {}, and so from now on"
                     + " (dropUnsupportedParams=true). Set the option to a value the model takes to save the extra"
                     + " call",
                    options.provider(), failed.model(),
                    adjustment.parameter() + "=" + adjustment.refused(), adjustment.describe());
        }
        return adjustment.applyTo(failed);
    }

    private ChatParameters learnedFor(ChatParameters parameters) {
        ChatParameters changed = parameters;
        for (Adjustment adjustment : learned.getOrDefault(parameters.model(), List.of())) {
            if (adjustment.matches(changed)) {
                changed = adjustment.applyTo(changed);
            }
        }
        return changed;
    }

    private ChatParameters substituted(
            Exchange exchange, ChatParameters parameters, String model, String successor,
            String reason) {
        if (firstWarning.test("successor " + model)) {
            LOG.warn("inference:{}: model {} is retired ({}); calling its successor {} instead. Set the model option"
                     + " to {} to make this explicit",
                    options.provider(), model,
                    "model-not-found".equals(reason)
                            ? "the provider answered model-not-found"
                            : "its shutdown date has passed",
                    successor, successor);
        }
        exchange.getMessage().setHeader(InferenceConstants.MODEL_SUBSTITUTED, model);
        telemetry.modelSubstituted(options.provider(), model, successor, reason);
        for (CallObserver observer : observers) {
            try {
                observer.onModelSubstituted(options.provider(), model, successor, reason);
            } catch (RuntimeException e) {
                LOG.debug("call observer {} failed: {}", observer, e.toString());
            }
        }
        return parameters.withModel(options.modelId(successor));
    }
}
