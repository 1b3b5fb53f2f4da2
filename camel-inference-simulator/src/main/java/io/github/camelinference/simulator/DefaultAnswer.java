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
package io.github.camelinference.simulator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulator's deterministic answer: {@code "Simulated answer to: <last user message>"}, one token per word, with
 * usage counted in words. Same prompt, same answer, on every run.
 */
final class DefaultAnswer {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern WORD_RUNS = Pattern.compile("\\w+|\\W+");
    private static final long CREATED = 1_755_000_000L;
    /** The categories Azure OpenAI's content filter judges on every prompt and answer. */
    private static final List<String> FILTER_CATEGORIES = List.of("hate", "self_harm", "sexual", "violence");
    /** How the component's continuation instruction starts (a user message asking to continue the answer above). */
    private static final String CONTINUE_INSTRUCTION_START = "Continue your previous answer";

    private final Flavour flavour;
    private final String requestedModel;
    private final String servedModel;
    private final String backend;
    private final String id;
    private final List<String> tokens;
    private final int promptTokens;
    private final boolean stream;
    private final boolean includeUsage;

    DefaultAnswer(Flavour flavour, JsonNode request, String id) {
        this.flavour = flavour;
        this.id = id;
        this.requestedModel = request.path("model").asText("unknown-model");
        if (flavour == Flavour.HUGGINGFACE) {
            int colon = requestedModel.lastIndexOf(':');
            String suffix = colon < 0 ? "fastest" : requestedModel.substring(colon + 1);
            this.servedModel = colon < 0 ? requestedModel : requestedModel.substring(0, colon);
            this.backend = switch (suffix) {
                case "fastest" -> "cerebras";
                case "cheapest" -> "groq";
                case "preferred" -> "together";
                default -> suffix;
            };
        } else {
            // Azure answers with the model behind the deployment; the simulator's deployments are named after theirs
            this.servedModel = "gpt-5-mini".equals(requestedModel) ? "gpt-5-mini-2025-08-07" : requestedModel;
            this.backend = null;
        }
        String prompt = "";
        int promptWords = 0;
        List<JsonNode> messages = new ArrayList<>();
        request.path("messages").forEach(messages::add);
        for (JsonNode message : messages) {
            String content = message.path("content").asText("");
            promptWords += words(content).size();
            if ("user".equals(message.path("role").asText()) && !content.startsWith(CONTINUE_INSTRUCTION_START)) {
                prompt = content;
            }
        }
        this.promptTokens = promptWords;
        List<String> answerWords = words("Simulated answer to: " + prompt);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < answerWords.size(); i++) {
            all.add(i == 0 ? answerWords.get(i) : " " + answerWords.get(i));
        }
        this.tokens = all.subList(alreadyAnswered(messages, all), all.size());
        this.stream = request.path("stream").asBoolean(false);
        this.includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
    }

    /**
     * How many tokens of the answer the request already holds: a continuation sends the unfinished answer as the last
     * (assistant) message, or as the assistant message just before an instruction to continue it. The simulator then
     * answers only the rest, as a model continuing its own text would.
     */
    private static int alreadyAnswered(List<JsonNode> messages, List<String> answer) {
        int last = messages.size() - 1;
        if (last >= 0 && messages.get(last).path("content").asText("").startsWith(CONTINUE_INSTRUCTION_START)) {
            last--;
        }
        if (last < 0 || !"assistant".equals(messages.get(last).path("role").asText())) {
            return 0;
        }
        String given = messages.get(last).path("content").asText("");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < answer.size(); i++) {
            if (prefix.toString().equals(given)) {
                return i;
            }
            prefix.append(answer.get(i));
        }
        return prefix.toString().equals(given) ? answer.size() : 0;
    }

    /** Whether the request ends with an assistant message to extend (a prefill). */
    static boolean isPrefill(JsonNode request) {
        JsonNode messages = request.path("messages");
        return messages.size() > 0 && "assistant".equals(messages.get(messages.size() - 1).path("role").asText());
    }

    boolean streamed() {
        return stream;
    }

    Map<String, String> headers() {
        return backend == null ? Map.of() : Map.of("x-inference-provider", backend);
    }

    String text() {
        return String.join("", tokens);
    }

    String completionJson() {
        return completionJson(null, null);
    }

    /**
     * The answer as one {@code chat.completion}; Azure's carries the content filter's verdicts on the prompt and the
     * answer. With a filtered category, the filter stopped the answer: no content, finish reason
     * {@code content_filter}.
     */
    String completionJson(String filteredCategory, String severity) {
        ObjectNode root = envelope("chat.completion");
        if (flavour == Flavour.AZURE) {
            root.set("prompt_filter_results", promptFilterResults());
        }
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (filteredCategory == null) {
            message.put("content", text());
        } else {
            message.putNull("content");
        }
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", filteredCategory == null ? "stop" : "content_filter");
        if (flavour == Flavour.AZURE) {
            choice.set("content_filter_results", filterResults(filteredCategory, severity));
        }
        root.set("usage", usage());
        return root.toString();
    }

    /** SSE events as OpenAI sends them: role delta, one delta per token, finish chunk, optional usage chunk, [DONE]. */
    List<String> streamChunks() {
        return streamChunks(null, null);
    }

    /**
     * The answer streamed; Azure's starts with a chunk of its own holding the verdicts on the prompt, and each text
     * chunk carries the verdicts on its piece. With a filtered category the filter stops the answer half-way: a chunk
     * with finish reason {@code content_filter} whose verdict marks the category filtered.
     */
    List<String> streamChunks(String filteredCategory, String severity) {
        List<String> events = new ArrayList<>();
        boolean azure = flavour == Flavour.AZURE;
        if (azure) {
            ObjectNode prompt = MAPPER.createObjectNode().put("id", "").put("object", "").put("created", 0)
                    .put("model", "");
            prompt.putArray("choices");
            prompt.set("prompt_filter_results", promptFilterResults());
            events.add(event(prompt));
        }
        events.add(event(chunk(MAPPER.createObjectNode().put("role", "assistant").put("content", ""), null)));
        List<String> sent = filteredCategory == null ? tokens : tokens.subList(0, tokens.size() / 2);
        for (String token : sent) {
            ObjectNode chunk = chunk(MAPPER.createObjectNode().put("content", token), null);
            if (azure) {
                ((ObjectNode) chunk.get("choices").get(0)).set("content_filter_results", filterResults(null, null));
            }
            events.add(event(chunk));
        }
        if (filteredCategory != null) {
            ObjectNode stop = chunk(MAPPER.createObjectNode(), "content_filter");
            ((ObjectNode) stop.get("choices").get(0)).set("content_filter_results",
                    filterResults(filteredCategory, severity));
            events.add(event(stop));
        } else {
            events.add(event(chunk(MAPPER.createObjectNode(), "stop")));
        }
        if (includeUsage) {
            ObjectNode last = envelope("chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage());
            events.add(event(last));
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    /**
     * A {@code chat.completion} whose answer is one call of the function {@code name}, as OpenAI sends it, or in
     * another server's {@code shape}.
     */
    String toolCallJson(String name, String arguments, ToolCallShape shape) {
        ObjectNode root = envelope("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (shape == ToolCallShape.DEEPSEEK) {
            message.put("content", "");
        } else {
            message.putNull("content");
        }
        ObjectNode call = message.putArray("tool_calls").addObject();
        if (shape == ToolCallShape.DEEPSEEK) {
            call.put("index", 0);
        }
        call.put("id", callId());
        if (shape != ToolCallShape.MISTRAL) {
            call.put("type", "function");
        }
        putArguments(call.putObject("function").put("name", name), arguments, shape);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "tool_calls");
        root.set("usage", usage(argumentFragments(arguments).size()));
        return root.toString();
    }

    /**
     * The same call streamed as OpenAI streams it: the first chunk opens the call (role, {@code content: null}, index,
     * id, type, name, empty arguments), then one chunk per fragment of the arguments, the finish chunk
     * ({@code tool_calls}), the usage chunk when asked for, and {@code [DONE]}. Mistral's shape sends the whole call,
     * without type, in one chunk; arguments as an object come whole in the first chunk.
     */
    List<String> toolCallChunks(String name, String arguments, ToolCallShape shape) {
        boolean whole = shape == ToolCallShape.MISTRAL || shape == ToolCallShape.OBJECT_ARGUMENTS;
        List<String> fragments = whole ? List.of() : argumentFragments(arguments);
        List<String> events = new ArrayList<>();
        ObjectNode opening = MAPPER.createObjectNode().put("role", "assistant").putNull("content");
        ObjectNode call = opening.putArray("tool_calls").addObject().put("index", 0).put("id", callId());
        if (shape != ToolCallShape.MISTRAL) {
            call.put("type", "function");
        }
        ObjectNode function = call.putObject("function").put("name", name);
        if (whole) {
            putArguments(function, arguments, shape);
        } else {
            function.put("arguments", "");
        }
        events.add(event(chunk(opening, null)));
        for (String fragment : fragments) {
            ObjectNode delta = MAPPER.createObjectNode();
            delta.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", fragment);
            events.add(event(chunk(delta, null)));
        }
        events.add(event(chunk(MAPPER.createObjectNode(), "tool_calls")));
        if (includeUsage) {
            ObjectNode last = envelope("chat.completion.chunk");
            last.putArray("choices");
            last.set("usage", usage(argumentFragments(arguments).size()));
            events.add(event(last));
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The arguments as a JSON string, or as the JSON object itself for {@link ToolCallShape#OBJECT_ARGUMENTS}. */
    private static void putArguments(ObjectNode function, String arguments, ToolCallShape shape) {
        if (shape != ToolCallShape.OBJECT_ARGUMENTS) {
            function.put("arguments", arguments);
            return;
        }
        try {
            function.set("arguments", MAPPER.readTree(arguments));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments sent as an object must be JSON: " + arguments, e);
        }
    }

    private String callId() {
        return "call_" + id.substring(id.indexOf('-') + 1);
    }

    /** The arguments cut the way a tokenizer roughly cuts JSON: runs of word characters, runs of the others. */
    private static List<String> argumentFragments(String arguments) {
        List<String> fragments = new ArrayList<>();
        Matcher run = WORD_RUNS.matcher(arguments);
        while (run.find()) {
            fragments.add(run.group());
        }
        return fragments;
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = envelope("chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (includeUsage) {
            root.putNull("usage");
        }
        return root;
    }

    private ObjectNode envelope(String object) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", CREATED);
        root.put("model", servedModel);
        if (flavour == Flavour.OPENAI) {
            root.put("service_tier", "default");
            root.putNull("system_fingerprint");
        }
        return root;
    }

    private ObjectNode usage() {
        return usage(tokens.size());
    }

    private ObjectNode usage(int completionTokens) {
        ObjectNode usage = MAPPER.createObjectNode();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        if (flavour == Flavour.OPENAI || flavour == Flavour.AZURE) {
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
            usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0);
        }
        return usage;
    }

    /** Azure's {@code prompt_filter_results}: the first (only) prompt, every category safe. */
    private static ArrayNode promptFilterResults() {
        ArrayNode results = MAPPER.createArrayNode();
        results.addObject().put("prompt_index", 0).set("content_filter_results", filterResults(null, null));
        return results;
    }

    /** Azure's verdicts: every category safe, but the filtered one (if any) at its severity. */
    static ObjectNode filterResults(String filteredCategory, String severity) {
        ObjectNode results = MAPPER.createObjectNode();
        for (String category : FILTER_CATEGORIES) {
            results.putObject(category).put("filtered", false).put("severity", "safe");
        }
        if (filteredCategory != null) {
            results.putObject(filteredCategory).put("filtered", true).put("severity", severity);
        }
        return results;
    }

    /** The verdicts of {@link #filterResults} as JSON text. */
    static String contentFilterResults(String filteredCategory, String severity) {
        return filterResults(filteredCategory, severity).toString();
    }

    private static String event(ObjectNode json) {
        return "data: " + json + "\n\n";
    }

    private static List<String> words(String text) {
        List<String> result = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                result.add(word);
            }
        }
        return result;
    }

    static ArrayNode modelList(Flavour flavour, Map<String, String> shutdownDates) {
        ArrayNode data = MAPPER.createArrayNode();
        Set<String> models = new LinkedHashSet<>(
                flavour == Flavour.OPENAI
                        ? List.of("gpt-5-mini", "gpt-5-mini-2025-08-07", "gpt-5", "gpt-5-nano")
                        : List.of("openai/gpt-oss-120b", "meta-llama/Llama-3.3-70B-Instruct"));
        models.addAll(shutdownDates.keySet());
        for (String model : models) {
            ObjectNode entry = data.addObject().put("id", model).put("object", "model").put("created", CREATED)
                    .put("owned_by", flavour == Flavour.OPENAI || model.indexOf('/') < 0
                            ? "openai"
                            : model.substring(0, model.indexOf('/')));
            if (shutdownDates.containsKey(model)) {
                entry.put("shutdown_date", shutdownDates.get(model));
            }
        }
        return data;
    }
}
