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

import java.util.List;

import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.Prices;
import io.github.camelinference.camel.inference.chat.PromptEstimate;
import io.github.camelinference.camel.inference.http.CallTimeouts;
import io.github.camelinference.camel.inference.options.EndpointOptions;
import io.github.camelinference.camel.inference.telemetry.MessageTrace;
import org.apache.camel.Exchange;

/**
 * One message's call, resolved once in {@code InferenceProducer.process()}: what it asks for, its timeouts and budget
 * key, its prices and prompt estimate, its observation and cancellation. Every helper of the producer takes what it
 * needs from here, so nothing is read twice from headers or options on the way.
 * <p>
 * A model change (a retired model's successor, a refused parameter left out) sends the message again as a new call
 * ({@link #next}): with its own parameters, prices, observation and cancellation, and the same timeouts, budget key and
 * trace.
 */
public record CallContext(EndpointServices services, Exchange exchange, ChatParameters parameters,
        CallTimeouts timeouts, String budgetKey, Prices prices, MessageTrace trace, CallObservation observation,
        CallCancellation cancellation, Memo memo) {

    /**
     * The call of this message: its parameters (after any model change already learned), its timeouts and budget key
     * from its headers and the options.
     */
    public static CallContext of(EndpointServices services, Exchange exchange, MessageTrace trace) {
        EndpointOptions options = services.options();
        ChatParameters asked = MessageParameters.of(options, exchange);
        CallTimeouts timeouts = MessageParameters.timeouts(options, exchange);
        String budgetKey = MessageParameters.budgetKey(options, exchange);
        return create(services, exchange, services.modelChanges().first(exchange, asked), timeouts, budgetKey, trace);
    }

    private static CallContext create(
            EndpointServices services, Exchange exchange, ChatParameters parameters,
            CallTimeouts timeouts, String budgetKey, MessageTrace trace) {
        EndpointOptions options = services.options();
        return new CallContext(
                services, exchange, parameters, timeouts, budgetKey, options.prices(parameters.model()), trace,
                new CallObservation(services.observers(), parameters.model(), System.nanoTime()),
                CallCancellation.on(exchange), new Memo());
    }

    /** The same message sent again with other parameters, after a model change. */
    public CallContext next(ChatParameters changed) {
        return create(services, exchange, changed, timeouts, budgetKey, trace);
    }

    public EndpointOptions options() {
        return services.options();
    }

    /** Fails the exchange with this error, and tells the observers. */
    public void failed(Throwable error) {
        CallFailures.fail(options(), exchange, error, observation);
    }

    /**
     * The prompt's token upper bound ({@link PromptEstimate}) of the request being sent, made once for the rate limit,
     * the budget and a cut stream's charge alike; a tool round or a re-ask has a conversation, and so an estimate, of
     * its own.
     */
    long promptEstimate(ChatParameters sent) {
        Memo.Estimate known = memo.estimate;
        if (known != null && known.messages() == sent.messages()) {
            return known.tokens();
        }
        long tokens = PromptEstimate.upperBound(sent);
        memo.estimate = new Memo.Estimate(sent.messages(), tokens);
        return tokens;
    }

    /** What is wrong with this answer by the schema; checked once, whoever asks first. */
    List<String> schemaProblems(ChatResponse response) {
        Memo.Checked known = memo.checked;
        if (known != null && known.response() == response) {
            return known.problems();
        }
        List<String> problems = options().output().problems(response.text());
        memo.checked = new Memo.Checked(response, problems);
        return problems;
    }

    /** What a call works out once, when first asked: the prompt estimate and the schema check of the answer. */
    static final class Memo {
        // why lazy: only a token rate limit, a budget or a cut stream needs the estimate, and each uses the same one
        private volatile Estimate estimate;
        // why: the tool loop checks an answer to decide on a re-ask; the body reuses that verdict
        private volatile Checked checked;

        private record Estimate(List<ChatMessage> messages, long tokens) {
        }

        private record Checked(ChatResponse response, List<String> problems) {
        }
    }
}
