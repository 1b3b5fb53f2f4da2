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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelinference.camel.inference.InferenceConstants;
import io.github.camelinference.camel.inference.chat.BoundTool;
import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatResult;
import io.github.camelinference.camel.inference.chat.ToolCalls;
import io.github.camelinference.camel.inference.error.Excerpt;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

import static io.github.camelinference.camel.inference.producer.CallFailures.invalidInput;

/**
 * Gets a non-streamed answer: asks again while it misses the jsonSchema (schemaRetries), and in auto tool mode runs the
 * model's tool calls and sends their results back, round after round.
 */
public final class ToolLoop {

    private final EndpointServices endpoint;
    private final ProducerTemplate tools;

    /**
     * @param endpoint its options, and the worker pool the tools run on
     * @param tools    runs the tools' endpoints; null when the endpoint has no tools
     */
    public ToolLoop(EndpointServices endpoint, ProducerTemplate tools) {
        this.endpoint = endpoint;
        this.tools = tools;
    }

    /** The final answer for this message, after any schema retries and tool rounds, each sent through {@code calls}. */
    public CompletableFuture<ChatResult> answer(CallContext call, GuardedCall calls) {
        return withTools(call, call.parameters(), calls, 1);
    }

    /**
     * In auto tool mode, runs the model's tool calls through their endpoints (on the route pool, never on an I/O
     * thread) and sends the results back, round after round, until the model answers or maxToolRounds is reached.
     */
    private CompletableFuture<ChatResult> withTools(
            CallContext call, ChatParameters parameters, GuardedCall calls,
            int round) {
        CompletableFuture<ChatResult> answer = matchingSchema(call, parameters, calls,
                endpoint.options().toolUse().schemaRetries());
        if (!endpoint.options().runsTools()) {
            return answer;
        }
        return answer.thenComposeAsync(result -> {
            if (result.response().toolCalls() == null) {
                return CompletableFuture.completedFuture(result);
            }
            return withTools(call, afterToolCalls(call, parameters, result.response(), round), calls, round + 1);
        }, endpoint.continuations());
    }

    /**
     * Runs the tool calls of round {@code round}'s answer (call it on the route pool, never on an I/O thread) and
     * returns the next round's parameters: the conversation with the calls and each tool's result appended. Counts the
     * next call; fails once maxToolRounds is reached, or when the answer asks for more than maxToolCallsPerRound.
     */
    ChatParameters afterToolCalls(CallContext call, ChatParameters parameters, ChatResponse response, int round) {
        JsonNode calls = response.toolCalls();
        int limit = endpoint.options().toolUse().maxRounds();
        if (round >= limit) {
            throw invalidInput(endpoint.options().provider(), "the model was still calling tools after " + limit
                                                              + " rounds (maxToolRounds): " + Excerpt.of(calls.toString()));
        }
        int perRound = endpoint.options().toolUse().maxCallsPerRound();
        if (calls.size() > perRound) {
            // why: checked before any tool runs, so a runaway answer never reaches the tools' routes
            throw invalidInput(endpoint.options().provider(),
                    "the model asked for " + calls.size() + " tool calls in one answer, more"
                                                              + " than maxToolCallsPerRound (" + perRound + "); none was run: "
                                                              + Excerpt.of(calls.toString()));
        }
        List<ChatMessage> messages = new ArrayList<>(parameters.messages());
        messages.add(ChatMessage.assistantToolCalls(response.text(), calls));
        for (JsonNode toolCall : calls) {
            messages.add(ChatMessage.toolResult(toolCall.path("id").asText(), call.trace().tool(
                    toolCall.path("function").path("name").asText(), toolCall.path("id").asText(null),
                    failed -> runTool(toolCall, failed))));
        }
        CallCounter.count(call.exchange());
        return parameters.withMessages(messages);
    }

    /**
     * A non-streamed call whose answer must match the jsonSchema: an answer that does not is asked again, with what is
     * wrong with it, up to {@code retriesLeft} times. Every call (each round, each re-ask) is a guarded call of its
     * own.
     */
    private CompletableFuture<ChatResult> matchingSchema(
            CallContext call, ChatParameters parameters,
            GuardedCall calls, int retriesLeft) {
        return calls.complete(parameters).thenCompose(result -> {
            if (retriesLeft == 0 || !endpoint.options().output().checksSchema()) {
                return CompletableFuture.completedFuture(result);
            }
            List<String> problems = call.schemaProblems(result.response());
            if (problems.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            CallCounter.count(call.exchange());
            List<ChatMessage> messages = new ArrayList<>(parameters.messages());
            messages.add(ChatMessage.assistant(String.valueOf(result.response().text())));
            messages.add(ChatMessage.user("That answer does not match the required JSON schema: "
                                          + String.join("; ", problems)
                                          + ". Reply again with only JSON that matches the schema."));
            return matchingSchema(call, parameters.withMessages(messages), calls, retriesLeft - 1);
        });
    }

    /**
     * Runs one tool call; a failure becomes the tool's result (toolErrors=report), told to {@code failed} for the
     * tool's span, or fails the exchange.
     */
    private String runTool(JsonNode call, Consumer<Throwable> failed) {
        String name = call.path("function").path("name").asText();
        String arguments = ToolCalls.arguments(call.path("function").get("arguments"));
        boolean report = endpoint.options().toolUse().reportErrors();
        BoundTool tool = endpoint.options().tools().get(name);
        String problem = null;
        if (tool == null) {
            problem = "there is no tool named '" + Excerpt.of(name) + "'; the tools are " + endpoint.options().tools().keySet();
        } else {
            List<String> invalid = tool.arguments().problems(arguments);
            if (!invalid.isEmpty()) {
                problem = "the arguments of " + name + " do not match its schema: " + String.join("; ", invalid);
            }
        }
        if (problem == null) {
            Exchange result = tools.request(tool.endpointUri(), e -> {
                e.getMessage().setBody(arguments);
                e.getMessage().setHeader(InferenceConstants.TOOL_NAME, name);
            });
            if (result.getException() == null) {
                return String.valueOf(result.getMessage().getBody(String.class));
            }
            if (!report) {
                throw RuntimeCamelException.wrapRuntimeException(result.getException());
            }
            failed.accept(result.getException()); // reported to the model, and on the tool's span
            problem = "the tool " + name + " failed: " + result.getException().getMessage();
        }
        if (!report) {
            throw invalidInput(endpoint.options().provider(), problem);
        }
        return "error: " + problem;
    }
}
