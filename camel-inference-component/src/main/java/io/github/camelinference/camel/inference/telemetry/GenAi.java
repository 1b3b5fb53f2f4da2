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
package io.github.camelinference.camel.inference.telemetry;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;

import io.github.camelinference.camel.inference.error.InferenceException;
import io.opentelemetry.api.common.AttributeKey;

/**
 * The names the OpenTelemetry GenAI semantic conventions give (semantic conventions 1.41, GenAI status Development),
 * and this project's own under {@code camel.inference.}. One place, so spans and metrics always agree.
 */
public final class GenAi {

    public static final String CHAT = "chat";
    public static final String EXECUTE_TOOL = "execute_tool";

    public static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER_NAME = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<Long> REQUEST_MAX_TOKENS = AttributeKey.longKey("gen_ai.request.max_tokens");
    public static final AttributeKey<Double> REQUEST_TEMPERATURE = AttributeKey.doubleKey("gen_ai.request.temperature");
    public static final AttributeKey<Double> REQUEST_TOP_P = AttributeKey.doubleKey("gen_ai.request.top_p");
    public static final AttributeKey<Long> REQUEST_SEED = AttributeKey.longKey("gen_ai.request.seed");
    public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES
            = AttributeKey.stringArrayKey("gen_ai.request.stop_sequences");
    public static final AttributeKey<Boolean> REQUEST_STREAM = AttributeKey.booleanKey("gen_ai.request.stream");
    public static final AttributeKey<String> OUTPUT_TYPE = AttributeKey.stringKey("gen_ai.output.type");
    public static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS
            = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK
            = AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk");
    public static final AttributeKey<Long> USAGE_INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS
            = AttributeKey.longKey("gen_ai.usage.cache_read.input_tokens");
    public static final AttributeKey<Long> USAGE_REASONING_OUTPUT_TOKENS
            = AttributeKey.longKey("gen_ai.usage.reasoning.output_tokens");
    public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    public static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    public static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    public static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    /** This project's own attributes: what the conventions have no name for. */
    public static final AttributeKey<String> REASONING_EFFORT
            = AttributeKey.stringKey("camel.inference.request.reasoning_effort");
    public static final AttributeKey<String> ENDPOINT_PROVIDER = AttributeKey.stringKey("camel.inference.provider");
    public static final AttributeKey<String> BACKEND = AttributeKey.stringKey("camel.inference.backend");
    public static final AttributeKey<Long> CALL_INDEX = AttributeKey.longKey("camel.inference.call.index");
    public static final AttributeKey<Boolean> CONTENT_TRUNCATED
            = AttributeKey.booleanKey("camel.inference.content.truncated");
    public static final AttributeKey<String> RATE_LIMIT_ACCOUNT
            = AttributeKey.stringKey("camel.inference.rate_limit.account");
    public static final AttributeKey<Long> RATE_LIMIT_WAIT_MS
            = AttributeKey.longKey("camel.inference.rate_limit.wait_ms");
    public static final AttributeKey<String> BUDGET_KEY = AttributeKey.stringKey("camel.inference.budget.key");

    /** Span events. */
    public static final String EVENT_FIRST_CHUNK = "camel.inference.first_chunk";
    public static final String EVENT_RATE_LIMIT_WAIT = "camel.inference.rate_limit.wait";
    public static final String EVENT_RATE_LIMIT_GRANTED = "camel.inference.rate_limit.granted";
    public static final String EVENT_RATE_LIMIT_REFUSED = "camel.inference.rate_limit.refused";
    public static final String EVENT_BUDGET_REFUSED = "camel.inference.budget.refused";

    /** The provider names the conventions list for the services this component speaks to. */
    public static final String PROVIDER_OPENAI = "openai";
    public static final String PROVIDER_AZURE_OPENAI = "azure.ai.openai";
    /** Not in the conventions' list: a custom value, as they allow; server.address names the router. */
    public static final String PROVIDER_HUGGINGFACE = "huggingface";

    private GenAi() {
    }

    /**
     * The low-cardinality {@code error.type} of a failure: the inference error's kind in lower case
     * ({@code rate_limited}, {@code timeout}, {@code budget_exceeded}, {@code cancelled}, …), else the exception's
     * class name.
     */
    public static String errorType(Throwable error) {
        if (error instanceof InferenceException inference) {
            return inference.getKind().name().toLowerCase(Locale.ROOT);
        }
        if (error instanceof CancellationException) {
            return "cancelled"; // a dropped call (a hedge's loser), as the component's own CANCELLED kind reads
        }
        return error == null ? "_OTHER" : error.getClass().getName();
    }
}
