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

import org.apache.camel.spi.Metadata;

/** Message headers the {@code inference:} producer reads and writes. */
public final class InferenceConstants {

    // --- read: per-message overrides of the endpoint's options ---

    @Metadata(label = "producer", description = "The model for this message, instead of the endpoint's `model` option.",
              javaType = "String")
    public static final String MODEL = "CamelInferenceModel";
    @Metadata(label = "producer", description = "The sampling temperature for this message.", javaType = "Double")
    public static final String TEMPERATURE = "CamelInferenceTemperature";
    @Metadata(label = "producer", description = "The output token limit for this message (sent as `max_completion_tokens`"
                                                + " to OpenAI, `max_tokens` elsewhere).",
              javaType = "Integer")
    public static final String MAX_TOKENS = "CamelInferenceMaxTokens";
    @Metadata(label = "producer", description = "The system prompt for this message.", javaType = "String")
    public static final String SYSTEM_PROMPT = "CamelInferenceSystemPrompt";

    @Metadata(label = "producer", description = "The budget key (tenant, team) this message's spend counts against,"
                                                + " instead of the endpoint's `budgetKey`.",
              javaType = "String")
    public static final String BUDGET_KEY = "CamelInferenceBudgetKey";

    @Metadata(label = "producer", description = "This message's first-token timeout in milliseconds, instead of the"
                                                + " endpoint's `firstTokenTimeout` (the failover step sets it for every"
                                                + " target).",
              javaType = "Long")
    public static final String FIRST_TOKEN_TIMEOUT = "CamelInferenceFirstTokenTimeout";

    @Metadata(label = "producer", description = "This message's request timeout in milliseconds, instead of the"
                                                + " endpoint's `requestTimeout`.",
              javaType = "Long")
    public static final String REQUEST_TIMEOUT = "CamelInferenceRequestTimeout";

    @Metadata(label = "producer", description = "Set on the exchange a tool's endpoint receives: the name of the tool"
                                                + " the model called.",
              javaType = "String")
    public static final String TOOL_NAME = "CamelInferenceToolName";

    // --- written: who answered, with what, at what cost ---

    @Metadata(label = "producer", description = "The provider of the endpoint that answered (`openai`, `huggingface`, or"
                                                + " the endpoint's name).",
              javaType = "String")
    public static final String PROVIDER = "CamelInferenceProvider";
    @Metadata(label = "producer", description = "The backend that really served the call: the Hugging Face router names it"
                                                + " (`groq`, `together`, ...); otherwise the provider.",
              javaType = "String")
    public static final String BACKEND = "CamelInferenceBackend";
    @Metadata(label = "producer", description = "The model that answered, as the provider reports it"
                                                + " (e.g. `gpt-5-mini-2025-08-07`).",
              javaType = "String")
    public static final String RESPONSE_MODEL = "CamelInferenceResponseModel";
    @Metadata(label = "producer", description = "Set when the model asked for is retired and its successor was called"
                                                + " instead (`modelSuccessor`, `modelSuccessors`): the model asked for."
                                                + " `CamelInferenceResponseModel` says which answered.",
              javaType = "String")
    public static final String MODEL_SUBSTITUTED = "CamelInferenceModelSubstituted";
    @Metadata(label = "producer", description = "The response id (`chatcmpl-...`).", javaType = "String")
    public static final String RESPONSE_ID = "CamelInferenceResponseId";
    @Metadata(label = "producer", description = "The provider's request id (`x-request-id`), for support tickets.",
              javaType = "String")
    public static final String REQUEST_ID = "CamelInferenceRequestId";
    @Metadata(label = "producer", description = "Why the model stopped: `stop`, `length`, `tool_calls`, `content_filter`,"
                                                + " or a server's own value such as `eos`.",
              javaType = "String")
    public static final String FINISH_REASON = "CamelInferenceFinishReason";
    @Metadata(label = "producer", description = "Input tokens, cached ones included.", javaType = "Integer")
    public static final String PROMPT_TOKENS = "CamelInferencePromptTokens";
    @Metadata(label = "producer", description = "Output tokens, reasoning ones included.", javaType = "Integer")
    public static final String COMPLETION_TOKENS = "CamelInferenceCompletionTokens";
    @Metadata(label = "producer", description = "Input plus output tokens.", javaType = "Integer")
    public static final String TOTAL_TOKENS = "CamelInferenceTotalTokens";
    @Metadata(label = "producer", description = "Output tokens spent on reasoning (OpenAI reasoning models).",
              javaType = "Integer")
    public static final String REASONING_TOKENS = "CamelInferenceReasoningTokens";
    @Metadata(label = "producer", description = "Input tokens served from the provider's prompt cache.",
              javaType = "Integer")
    public static final String CACHED_TOKENS = "CamelInferenceCachedTokens";
    @Metadata(label = "producer", description = "The model's reasoning text, when the provider sends it"
                                                + " (`reasoning_content`, `reasoning`, or thinking content parts), never"
                                                + " part of the answer in the body. For streams, set once the stream"
                                                + " has been read to its end. Absent when the provider sent none.",
              javaType = "String")
    public static final String REASONING = "CamelInferenceReasoning";
    @Metadata(label = "producer", description = "Streamed calls with `malformedChunks=skip`: how many chunks were not"
                                                + " one JSON object and were skipped. Set once the stream has ended;"
                                                + " absent when none was skipped.",
              javaType = "Integer")
    public static final String SKIPPED_CHUNKS = "CamelInferenceSkippedChunks";
    @Metadata(label = "producer",
              description = "Azure OpenAI: what its content filter found, as a Map with `prompt` (from"
                            + " `prompt_filter_results`) and `completion` (the answer's `content_filter_results`),"
                            + " each mapping a category (hate, sexual, violence, self_harm, jailbreak, ...) to its"
                            + " verdict (`filtered`, `severity` or `detected`), e.g."
                            + " `${header.CamelInferenceContentFilterResults[completion][violence][severity]}`."
                            + " Absent when the provider sent none.",
              javaType = "java.util.Map<String, Object>")
    public static final String CONTENT_FILTER_RESULTS = "CamelInferenceContentFilterResults";
    @Metadata(label = "producer", description = "Estimated cost of the answer in USD, from the usage and the model's"
                                                + " prices (built in for gpt-5-mini; options inputPrice,"
                                                + " cachedInputPrice, outputPrice). Absent when usage or price is"
                                                + " unknown.",
              javaType = "Double")
    public static final String COST = "CamelInferenceCost";
    @Metadata(label = "producer", description = "With a budget guard: the share of the key's budget spent in the"
                                                + " current window after this answer (0.8 = 80 %).",
              javaType = "Double")
    public static final String BUDGET_USED = "CamelInferenceBudgetUsed";
    @Metadata(label = "producer", description = "Milliseconds from sending the request to the end of the answer.",
              javaType = "Long")
    public static final String LATENCY = "CamelInferenceLatency";
    @Metadata(label = "producer", description = "For streamed calls, milliseconds from sending the request to the first"
                                                + " text delta.",
              javaType = "Long")
    public static final String TIME_TO_FIRST_TOKEN = "CamelInferenceTimeToFirstToken";
    @Metadata(label = "producer", description = "How many calls this exchange has made through `inference:` endpoints so"
                                                + " far, retries and fallbacks included (1 when the first call answered).",
              javaType = "Integer")
    public static final String ATTEMPTS = "CamelInferenceAttempts";
    @Metadata(label = "producer", description = "Set on a failed exchange when the provider asked to wait"
                                                + " (`retry-after-ms` / `Retry-After`), in milliseconds: Camel's"
                                                + " redelivery waits exactly this long before the next attempt. Removed"
                                                + " again by the next call. Turn off with `honourRetryAfter=false`.",
              javaType = "Long")
    public static final String REDELIVERY_DELAY = "CamelRedeliveryDelay";
    @Metadata(label = "producer", description = "The whole parsed response: every choice, tool calls, refusal, usage and"
                                                + " the raw JSON.",
              javaType = "io.github.camelinference.camel.inference.chat.ChatResponse")
    public static final String RESPONSE = "CamelInferenceResponse";

    /**
     * Exchange property: an {@code AtomicInteger} counting the calls made by this exchange. Copies of the exchange
     * share it, so a count started before a circuit breaker survives the breaker's copy; the failover template starts
     * one at its entry.
     */
    public static final String CALL_COUNT_PROPERTY = "CamelInferenceCallCount";
    /**
     * Exchange property set by the producer while a call is in flight: a {@code Runnable} that aborts it, so that a
     * failover step can drop the loser of a hedge, or a gateway a call whose client hung up. The exchange then fails
     * with a {@code CallCancelledException} (kind {@code CANCELLED}), which is neither retryable nor failover-able.
     */
    public static final String CANCEL_PROPERTY = "CamelInferenceCancel";
    /**
     * Exchange property a failover step sets to continue an answer that broke mid-stream on another target: the text
     * already delivered. The producer sends the conversation plus this text as the assistant's unfinished answer.
     */
    public static final String CONTINUE_FROM_PROPERTY = "CamelInferenceContinueFrom";
    /**
     * Exchange property with {@link #CONTINUE_FROM_PROPERTY}: {@code prefill} (the default) sends the text as an
     * assistant message to extend; {@code instruction} adds a user message asking to continue it, for targets that
     * reject an assistant prefill.
     */
    public static final String CONTINUE_MODE_PROPERTY = "CamelInferenceContinueMode";
    /** The instruction sent after the unfinished answer in {@code instruction} continuation mode. */
    public static final String CONTINUE_INSTRUCTION = "Continue your previous answer exactly where it stops."
                                                      + " Do not repeat any of it and add nothing before the"
                                                      + " continuation.";
    /**
     * Exchange property the producer sets when a stream breaks after it began: a {@code CutStreamCharge} with the
     * estimated usage and cost of what it delivered, and its budget reservation, so that a failover step continuing the
     * answer counts the cut target's share.
     */
    public static final String CUT_STREAM_PROPERTY = "CamelInferenceCutStream";
    /** Exchange property: marks that the redelivery delay header was set by this component, so it may remove it. */
    public static final String DELAY_SET_PROPERTY = "CamelInferenceRedeliveryDelaySet";

    private InferenceConstants() {
    }
}
