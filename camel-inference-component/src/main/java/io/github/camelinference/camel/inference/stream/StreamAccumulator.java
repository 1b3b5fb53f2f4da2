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
package io.github.camelinference.camel.inference.stream;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelinference.camel.inference.chat.ChatResponse;
import io.github.camelinference.camel.inference.chat.ChatWireFormat;
import io.github.camelinference.camel.inference.chat.ContentFilterResults;
import io.github.camelinference.camel.inference.chat.MessageText;
import io.github.camelinference.camel.inference.chat.ToolCalls;
import io.github.camelinference.camel.inference.chat.Usage;

/**
 * Builds one {@link ChatResponse} from the chunks of a stream, equal to what the same answer gives unstreamed.
 * Tolerates what real servers do: usage in every chunk (running totals: the last wins), only at the end, in a chunk
 * with no choices, or never; finish reasons outside OpenAI's list; a finish reason of null on the last chunk.
 * <p>
 * Reasoning deltas ({@code reasoning_content}, {@code reasoning}, thinking parts) are joined apart from the text. Tool
 * calls arrive as fragments keyed by {@code index}: the first carries id and name, the others pieces of the arguments,
 * and several calls may interleave. A fragment without {@code index} continues the last call, unless it brings an id of
 * its own, which opens a new one. Arguments may come as strings or (some servers) JSON objects; the assembled calls
 * have OpenAI's shape ({@link ToolCalls#normalise}), as the unstreamed answer's do.
 */
public final class StreamAccumulator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ChatWireFormat wire;
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    /** The tool-call fragments of the chunk read last, each with its resolved index. */
    private final List<ToolCallDelta> chunkToolCalls = new ArrayList<>();
    private ArrayNode annotations;
    private ArrayNode logprobContent;
    private ArrayNode logprobRefusal;
    private String id;
    private String model;
    private String systemFingerprint;
    private String serviceTier;
    private String finishReason;
    private String refusal;
    private Usage usage = Usage.NONE;
    private boolean sawChoice;
    /** Azure OpenAI's content-filter verdicts: on the prompt (its own first chunk), and on the answer so far. */
    private ContentFilterResults contentFilter;

    public StreamAccumulator(ChatWireFormat wire) {
        this.wire = wire;
    }

    /**
     * Reads one chunk.
     *
     * @return the text, reasoning and refusal the chunk's first choice added; {@code isEmpty()} when it added none
     */
    public MessageText accept(JsonNode chunk) {
        chunkToolCalls.clear();
        id = keep(id, chunk.get("id"));
        model = keep(model, chunk.get("model"));
        systemFingerprint = keep(systemFingerprint, chunk.get("system_fingerprint"));
        serviceTier = keep(serviceTier, chunk.get("service_tier"));
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) {
            usage = ChatWireFormat.readUsage(usageNode);
        }
        contentFilter = ContentFilterResults.accumulate(contentFilter, chunk);
        JsonNode choices = chunk.get("choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            return new MessageText(null, null, null);
        }
        JsonNode choice = choices.get(0);
        sawChoice = true;
        JsonNode reason = choice.get("finish_reason");
        if (reason != null && !reason.isNull() && !reason.asText().isEmpty()) {
            finishReason = reason.asText();
        }
        JsonNode delta = choice.has("delta") ? choice.get("delta") : choice.path("message");
        acceptToolCalls(delta.get("tool_calls"));
        acceptLogprobs(choice.get("logprobs"));
        JsonNode annotationsNode = delta.get("annotations");
        if (annotationsNode != null && annotationsNode.isArray()) {
            annotations = annotations == null ? JSON.arrayNode() : annotations;
            annotations.addAll((ArrayNode) annotationsNode);
        }
        MessageText text = wire.readText(delta);
        if (text.refusal() != null) {
            refusal = (refusal == null ? "" : refusal) + text.refusal();
        }
        if (text.reasoning() != null) {
            reasoning.append(text.reasoning());
        }
        if (text.content() != null) {
            content.append(text.content());
        }
        return new MessageText(
                ChatWireFormat.emptyToNull(text.content()),
                ChatWireFormat.emptyToNull(text.reasoning()), ChatWireFormat.emptyToNull(text.refusal()));
    }

    private void acceptToolCalls(JsonNode fragments) {
        if (fragments == null || !fragments.isArray()) {
            return;
        }
        for (JsonNode fragment : fragments) {
            String callId = text(fragment.get("id"));
            ToolCall call = fragment.has("index") && fragment.get("index").canConvertToInt()
                    ? callAt(fragment.get("index").asInt()) : callWithoutIndex(callId);
            JsonNode function = fragment.path("function");
            String name = text(function.get("name"));
            // the fragment that opens a call names it; OpenAI's shape says its type, which Mistral leaves out, and
            // gives it an id, which a few servers leave out (it then gets the one the assembled call gets)
            boolean opens = call.id == null && call.name == null && (callId != null || name != null);
            if (opens && callId == null) {
                callId = "call_" + call.index;
            }
            String type = opens || fragment.hasNonNull("type") ? "function" : null;
            call.id = call.id == null ? callId : call.id;
            call.name = call.name == null ? name : call.name;
            // some servers send the arguments as a JSON object, not a string
            String piece = ToolCalls.argumentsPiece(function.get("arguments"));
            call.arguments.append(piece);
            chunkToolCalls.add(new ToolCallDelta(call.index, callId, type, name, piece));
        }
    }

    /**
     * The tool-call fragments the chunk read last carried, in order, each with the index its call was given here (a
     * fragment without {@code index} gets the one it was assembled under); empty when it carried none.
     */
    public List<ToolCallDelta> toolCallDeltas() {
        return List.copyOf(chunkToolCalls);
    }

    private ToolCall callAt(int index) {
        for (ToolCall call : toolCalls) {
            if (call.index == index) {
                return call;
            }
        }
        ToolCall call = new ToolCall(index);
        toolCalls.add(call);
        return call;
    }

    /** A fragment without index: a new call if it brings a new id, else the last call (or the first one). */
    private ToolCall callWithoutIndex(String callId) {
        ToolCall last = toolCalls.isEmpty() ? null : toolCalls.get(toolCalls.size() - 1);
        if (last == null || callId != null && last.id != null && !callId.equals(last.id)) {
            int next = toolCalls.stream().mapToInt(c -> c.index + 1).max().orElse(0);
            return callAt(next);
        }
        return last;
    }

    private void acceptLogprobs(JsonNode logprobs) {
        if (logprobs == null || !logprobs.isObject()) {
            return;
        }
        JsonNode tokens = logprobs.get("content");
        if (tokens != null && tokens.isArray()) {
            logprobContent = logprobContent == null ? JSON.arrayNode() : logprobContent;
            logprobContent.addAll((ArrayNode) tokens);
        }
        JsonNode refused = logprobs.get("refusal");
        if (refused != null && refused.isArray()) {
            logprobRefusal = logprobRefusal == null ? JSON.arrayNode() : logprobRefusal;
            logprobRefusal.addAll((ArrayNode) refused);
        }
    }

    private static String keep(String current, JsonNode candidate) {
        if (current != null && !current.isEmpty()) {
            return current;
        }
        return candidate == null || candidate.isNull() ? current : candidate.asText();
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    /** Whether the stream said it was finished (a finish reason arrived). */
    public boolean finished() {
        return finishReason != null;
    }

    public boolean sawAnyChoice() {
        return sawChoice;
    }

    public String id() {
        return id;
    }

    public String model() {
        return model;
    }

    /**
     * How many characters the stream has made this accumulator hold so far: answer text, refusal, reasoning and tool
     * call arguments (what limits check; each of them is kept until the end).
     */
    public int size() {
        int arguments = 0;
        for (ToolCall call : toolCalls) {
            arguments += call.arguments.length();
        }
        return content.length() + (refusal == null ? 0 : refusal.length()) + reasoning.length() + arguments;
    }

    public String text() {
        return content.toString();
    }

    public ChatResponse toResponse() {
        ChatResponse.Choice choice = new ChatResponse.Choice(
                0, ChatWireFormat.emptyToNull(content.toString()),
                ChatWireFormat.emptyToNull(reasoning.toString()), ChatWireFormat.emptyToNull(refusal), finishReason,
                toolCallsJson(), annotations, logprobsJson());
        return new ChatResponse(
                id, model, List.of(choice), usage, ChatWireFormat.emptyToNull(systemFingerprint),
                ChatWireFormat.emptyToNull(serviceTier), null, contentFilter);
    }

    private ArrayNode toolCallsJson() {
        if (toolCalls.isEmpty()) {
            return null;
        }
        ArrayNode calls = JSON.arrayNode();
        toolCalls.stream().sorted((a, b) -> Integer.compare(a.index, b.index)).forEach(call -> {
            ObjectNode json = calls.addObject();
            json.put("id", call.id);
            json.putObject("function").put("name", call.name).put("arguments", call.arguments.toString());
        });
        // the same shape, defaults and all, as the unstreamed answer's calls
        return ToolCalls.normalise(calls);
    }

    private ObjectNode logprobsJson() {
        if (logprobContent == null && logprobRefusal == null) {
            return null;
        }
        ObjectNode logprobs = JSON.objectNode();
        logprobs.set("content", logprobContent);
        logprobs.set("refusal", logprobRefusal);
        return logprobs;
    }

    /** One tool call being assembled from its fragments. */
    private static final class ToolCall {
        private final int index;
        private final StringBuilder arguments = new StringBuilder();
        private String id;
        private String name;

        ToolCall(int index) {
            this.index = index;
        }
    }
}
