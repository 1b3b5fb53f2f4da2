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
package io.github.camelinference.camel.inference;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.camelinference.camel.inference.chat.ChatMessage;
import io.github.camelinference.simulator.Reply;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A table of bad inputs — options, bodies, headers and provider responses — each of which must end in a clear error
 * naming what is wrong, quickly, and without leaving a thread or a connection behind.
 */
class BadInputTableTest extends SimulatorTestSupport {

    /** A bad endpoint URI (options after the key), and the words its error must contain. */
    private record BadOption(String options, String... expected) {
    }

    /** A bad message, and the words its error must contain. */
    private record BadMessage(Object body, Map<String, Object> headers, String... expected) {
    }

    /** A bad provider response, the endpoint options, and the words the error must contain. */
    private record BadResponse(Reply reply, String options, String... expected) {
    }

    private static final List<BadOption> OPTIONS = List.of(
            new BadOption("reasoningEffort=extreme", "reasoningEffort", "extreme", "minimal"),
            new BadOption("verbosity=loud", "verbosity", "loud", "medium"),
            new BadOption("responseFormat=xml", "responseFormat", "xml", "json_schema"),
            new BadOption("temperature=3", "temperature", "between 0.0 and 2.0"),
            new BadOption("topP=1.5", "topP", "between 0.0 and 1.0"),
            new BadOption("maxTokens=0", "maxTokens", "at least 1"),
            new BadOption("maxTokens=lots", "maxTokens", "lots"),
            new BadOption("requestTimeout=0", "requestTimeout", "positive"),
            new BadOption("firstTokenTimeout=-5", "firstTokenTimeout", "negative"),
            new BadOption("streamIdleTimeout=-5", "streamIdleTimeout", "negative"),
            new BadOption("maxConnections=0", "maxConnections", "positive"),
            new BadOption("jsonSchema=classpath:schemas/missing.json", "jsonSchema", "schemas/missing.json"),
            new BadOption("jsonSchema={\"type\":", "jsonSchema", "not a JSON object"),
            new BadOption(
                    "jsonSchema=classpath:schemas/ticket.json&jsonSchemaName=has space", "jsonSchemaName",
                    "64"),
            new BadOption("responseFormat=json_schema", "needs jsonSchema"),
            new BadOption("routerPolicy=cheapest", "routerPolicy", "Hugging Face router only"),
            new BadOption("aggregateStream=true", "aggregateStream=true needs stream=true"),
            new BadOption("stop=a,b,c,d,e", "stop", "at most 4"),
            new BadOption("proxyPort=3128", "proxyPort", "proxyHost"),
            new BadOption("proxyUsername=camel&proxyPassword=secret", "proxyUsername", "proxyHost"),
            new BadOption("proxyHost=127.0.0.1&proxyUsername=camel", "proxyUsername and proxyPassword go together"),
            new BadOption("budgetOutputTokens=0", "budgetOutputTokens", "at least 1"),
            new BadOption("additionalBodyProperty.metadata={broken", "additionalBodyProperty", "JSON"),
            new BadOption("modle=gpt-5", "modle"),
            new BadOption("maxResponseBytes=0", "maxResponseBytes", "positive"),
            new BadOption("maxLineLength=-1", "maxLineLength", "positive"),
            new BadOption("maxAnswerChars=0", "maxAnswerChars", "positive"),
            new BadOption("streamTimeout=0", "streamTimeout", "positive"),
            new BadOption("maxRetryAfter=-1", "maxRetryAfter", "negative"),
            new BadOption("maxToolCallsPerRound=0", "maxToolCallsPerRound", "at least 1"));

    private static final List<String> URIS = List.of(
            "inference:mistral?model=m", "not built in|needs baseUrl",
            "inference:openai?model=gpt-5-mini", "no API key|OPENAI_API_KEY",
            "inference:huggingface", "no API key|HF_TOKEN",
            "inference:vllm?baseUrl=localhost:8000&model=m", "http:// or https://",
            "inference:vllm?baseUrl=ftp://host/v1&model=m", "http:// or https://",
            "inference:vllm?baseUrl=http://127.0.0.1:8000/v1", "no default model|model option");

    private static final List<BadMessage> MESSAGES = List.of(
            new BadMessage(null, Map.of(), "no prompt"),
            new BadMessage("   ", Map.of(), "no prompt"),
            new BadMessage(List.of(ChatMessage.user("hi"), 42), Map.of(), "message 1", "java.lang.Integer"),
            new BadMessage(List.of(Map.of("role", "user")), Map.of(), "message 0", "'role' and 'content'"),
            new BadMessage(List.of(ChatMessage.system("only instructions")), Map.of(), "no prompt"),
            new BadMessage("hi", Map.of(InferenceConstants.MAX_TOKENS, "lots"), "CamelInferenceMaxTokens", "lots"),
            new BadMessage("hi", Map.of(InferenceConstants.TEMPERATURE, "hot"), "CamelInferenceTemperature", "hot"));

    private static final List<BadResponse> RESPONSES = List.of(
            new BadResponse(Reply.json(200, ""), "", "MALFORMED_RESPONSE"),
            new BadResponse(
                    Reply.text(200, "<html><body>Welcome to nginx</body></html>"), "", "MALFORMED_RESPONSE",
                    "nginx"),
            new BadResponse(Reply.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\"}"), "", "no 'choices'"),
            new BadResponse(Reply.json(200, "[1,2,3]"), "", "MALFORMED_RESPONSE", "ARRAY"),
            new BadResponse(Reply.json(200, "{\"choices\":[]}"), "", "no choices"),
            new BadResponse(
                    Reply.text(502, "<html><h1>502 Bad Gateway</h1></html>"), "", "HTTP 502",
                    "Bad Gateway"),
            new BadResponse(
                    Reply.rawChunks("event: ping\n\n", ": nothing\n\n"), "stream=true",
                    "without a finish reason"),
            new BadResponse(Reply.sseData("{\"error\":\"Model is overloaded\"}"), "stream=true", "Model is overloaded"),
            new BadResponse(Reply.sseData("not json at all"), "stream=true", "not JSON"),
            new BadResponse(
                    Reply.json(404, "{\"error\":{\"message\":\"The model `gpt-9` does not exist\","
                                    + "\"code\":\"model_not_found\"}}"),
                    "", "MODEL_NOT_FOUND", "gpt-9"),
            new BadResponse(
                    Reply.json(200, fixture("openai_chat_response_empty_length.json")), "", "EMPTY_ANSWER",
                    "maxTokens"),
            // the limits: each trips at once, names its option, and quotes no more than a short excerpt
            new BadResponse(
                    Reply.json(200, "{\"id\":\"" + "x".repeat(3000) + "\"}"), "maxResponseBytes=1000",
                    "MALFORMED_RESPONSE", "maxResponseBytes (1000 bytes"),
            new BadResponse(
                    Reply.rawChunks("{\"error\":\"" + "x".repeat(3000) + "\"}").withStatus(500)
                            .withHeader("content-type", "application/json"),
                    "stream=true&maxResponseBytes=1000",
                    "MALFORMED_RESPONSE", "maxResponseBytes (1000 bytes"),
            new BadResponse(
                    Reply.rawChunks("data: " + "x".repeat(3000) + "\n\n"), "stream=true&maxLineLength=1000",
                    "MALFORMED_RESPONSE", "maxLineLength (1000 bytes"),
            new BadResponse(
                    Reply.sseData(delta("x".repeat(600)), delta("y".repeat(600))),
                    "stream=true&aggregateStream=true&maxAnswerChars=1000", "MALFORMED_RESPONSE",
                    "maxAnswerChars (1000 characters"),
            new BadResponse(
                    Reply.rawChunks("data: " + delta("Hello") + "\n\n", ": keep-alive\n")
                            .paced(Duration.ofMillis(50)).repeatingLast(),
                    "stream=true&aggregateStream=true&streamIdleTimeout=500", "TIMEOUT", "stream idle timeout 500 ms"),
            new BadResponse(
                    Reply.rawChunks("data: " + delta("Hello") + "\n\n").paced(Duration.ofMillis(50))
                            .repeatingLast(),
                    "stream=true&aggregateStream=true&streamTimeout=500", "TIMEOUT",
                    "streamTimeout"),
            new BadResponse(
                    Reply.json(429, "{\"error\":{\"message\":\"slow down\"}}").withHeader("retry-after",
                            "36000"),
                    "", "RATE_LIMITED", "maxRetryAfter of 60 s"),
            // provider content is quoted as a short excerpt, never whole
            new BadResponse(
                    Reply.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                                    + "\"content\":null,\"refusal\":\"" + "z".repeat(50_000) + "\"},"
                                    + "\"finish_reason\":\"stop\"}]}"),
                    "", "CONTENT_FILTERED", "refused", "…"),
            new BadResponse(
                    Reply.sseData("{\"error\":{\"details\":\"" + "z".repeat(50_000) + "\"}}"), "stream=true",
                    "error event in stream", "…"));

    private static String delta(String text) {
        return "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
    }

    @Test
    void everyBadInputGetsAClearErrorAndLeavesNothingBehind() throws Exception {
        List<String> problems = new ArrayList<>();
        int cases = runTable(problems);
        assertTrue(cases >= 30, "the table has " + cases + " cases");
        assertTrue(problems.isEmpty(), String.join("\n", problems));

        // a second pass over the same table: the pools have reached their working size, so any growth is a leak
        Set<Thread> threadsBefore = liveThreads();
        runTable(problems);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        InferenceComponent component = context.getComponent("inference", InferenceComponent.class);
        InferenceComponent.ConnectionStats stats = awaitNoConnectionInUse(component);
        assertEquals(0, stats.leased(), "no connection left in use: " + stats);
        assertEquals(0, stats.pending(), "no call left waiting: " + stats);
        List<String> added = awaitThreadsLeftBehind(threadsBefore);
        assertTrue(added.size() <= 2, "threads the second pass left behind: " + added);
    }

    /**
     * The threads started since {@code before} and still alive, once those that were ending have ended (up to 5 s); not
     * counting the JVM-wide pools of other libraries, which other test classes in this JVM start and which grow late on
     * their own: azure-identity's (Reactor Netty's event loops, Reactor's schedulers, azure-core's pool) and the JDK's
     * common pool. Named, so that a failure says which threads they are.
     */
    private static List<String> awaitThreadsLeftBehind(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> added = threadsAddedSince(before);
        while (added.size() > 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            added = threadsAddedSince(before);
        }
        return added;
    }

    private static List<String> threadsAddedSince(Set<Thread> before) {
        return liveThreads().stream().filter(thread -> !before.contains(thread)).map(Thread::getName)
                .filter(name -> !name.startsWith("reactor-") && !name.startsWith("boundedElastic-")
                        && !name.startsWith("parallel-") && !name.startsWith("azure-sdk-")
                        && !name.startsWith("ForkJoinPool.commonPool-"))
                .sorted().toList();
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * HttpClient completes a call before its I/O thread hands the connection back to the pool, and the exchange
     * completes on another thread meanwhile; so right after the last exchange the pool may still count its connection
     * as leased for a moment. A leak is a connection still leased after that moment has long passed.
     */
    private static InferenceComponent.ConnectionStats awaitNoConnectionInUse(InferenceComponent component)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        InferenceComponent.ConnectionStats stats = component.getConnectionStats();
        while ((stats.leased() > 0 || stats.pending() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
            stats = component.getConnectionStats();
        }
        return stats;
    }

    private int runTable(List<String> problems) {
        int cases = 0;

        for (BadOption bad : OPTIONS) {
            cases++;
            check(problems, "option " + bad.options, endpointError(openaiUri(bad.options)), bad.expected);
        }
        for (int i = 0; i < URIS.size(); i += 2) {
            cases++;
            check(problems, URIS.get(i), endpointError(URIS.get(i)), URIS.get(i + 1).split("\\|"));
        }
        int callsBefore = openai.requestCount();
        for (BadMessage bad : MESSAGES) {
            cases++;
            check(problems, "body " + bad.body + " headers " + bad.headers,
                    exchangeError(openaiUri(""), bad.body, bad.headers), bad.expected);
        }
        assertEquals(callsBefore, openai.requestCount(), "bad messages never reach the provider");
        for (BadResponse bad : RESPONSES) {
            cases++;
            openai.enqueue(bad.reply);
            check(problems, "response " + bad.reply + " " + bad.options,
                    exchangeError(openaiUri(bad.options), "hi", Map.of()), bad.expected);
        }

        return cases;
    }

    private String endpointError(String uri) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                context.getEndpoint(uri);
                return "(no error)";
            } catch (ResolveEndpointFailedException e) {
                return e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
            }
        });
    }

    private String exchangeError(String uri, Object body, Map<String, Object> headers) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Exchange result = template.request(uri, e -> {
                e.getMessage().setBody(body);
                e.getMessage().getHeaders().putAll(headers);
            });
            Throwable error = result.getException();
            if (error instanceof CamelExecutionException && error.getCause() != null) {
                error = error.getCause();
            }
            return error == null ? "(no error, body " + result.getMessage().getBody() + ")" : error.toString();
        });
    }

    private static void check(List<String> problems, String label, String message, String... expected) {
        for (String fragment : expected) {
            if (!message.contains(fragment)) {
                problems.add(label + ": '" + fragment + "' missing from: " + message);
            }
        }
        if (message.length() > 1500) {
            problems.add(label + ": a message of " + message.length() + " characters quotes too much");
        }
        if (message.contains(OPENAI_KEY)) {
            problems.add(label + ": the key leaked into: " + message);
        }
        if (Arrays.asList(expected).isEmpty()) {
            problems.add(label + ": no expectation");
        }
    }
}
