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
package io.github.camelinference.camel.inference.error;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns a provider's error response, in any of the shapes seen in the wild, into one typed {@link InferenceException}:
 * {@code {"error":{"message","type","code"}}}, {@code {"error":"text"}}, {@code {"message":…}}, {@code {"detail":…}},
 * or plain text.
 */
public final class ErrorClassifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 1000;
    /** How a provider names a model in its message: quoted, in brackets, or bare. */
    private static final String NAME = "(?:'[^']*'|\"[^\"]*\"|`[^`]*`|\\([^)]*\\)|[\\w./:-]+)";
    /**
     * The model is the subject: "model 'x' is not supported by provider y", "unsupported model", "model not allowed",
     * and the other ways the Hugging Face router's backends and other OpenAI-compatible servers say that they do not
     * serve this model, to this key, or any more. Each wording, with where it was seen, is a row of
     * {@code src/test/resources/fixtures/model_not_served_errors.jsonl}.
     */
    private static final Pattern MODEL_REFUSED = Pattern.compile(
            "\\bmodel(?:\\s+" + NAME + ")?\\s+(?:is|are) (?:currently )?not"
                                                                 + " (?:supported|allowed|available|enabled|served|permitted)"
                                                                 + "|\\bunsupported model\\b|\\bmodel not (?:supported|allowed|available|found)\\b"
                                                                 + "|\\bdoes not (?:support|serve|allow) (?:the |this )?model\\b"
                                                                 + "|not supported by any provider|no (?:allowed )?providers? (?:are )?available for"
                                                                 + "|\\bmodel(?:\\s+" + NAME + ")?\\s+does not exist\\b"
                                                                 + "|\\bmodel(?:\\s+" + NAME
                                                                 + ")?\\s+has been (?:decommissioned|retired|removed)\\b"
                                                                 + "|\\bunable to access (?:non-serverless )?model\\b|\\bdedicated endpoint for .+ is not running"
                                                                 + "|\\bmodel is (?:cold|not ready)\\b|\\bnot ready for inference\\b"
                                                                 + "|\\bnot allowed to (?:access|call|use) (?:this |the )?(?:requested )?model\\b"
                                                                 + "|\\bcan only access models\\b"
                                                                 + "|\\b(?:do not|don't) have access to (?:this |the )?model\\b"
                                                                 + "|\\baccess to (?:this |the )?model (?:is )?denied\\b|\\bmodel access denied\\b");
    /** Provider codes (or types) that say the same. */
    private static final List<String> MODEL_REFUSED_CODES = List.of("model_not_found", "model_not_supported",
            "unsupported_model", "model_not_allowed", "model_not_available", "model_access_denied",
            "model_decommissioned", "endpoint_not_running");
    /**
     * A request the model does not take: a parameter or value it refuses is the caller's to fix, and another provider
     * would refuse it too, however the message names the model.
     */
    private static final Pattern PARAMETER_REFUSED = Pattern.compile(
            "\\b(?:unsupported|unrecognized|unknown|invalid) (?:request )?(?:parameter|value|argument|field)"
                                                                     + "|\\b(?:parameters?|params?|arguments?)\\b"
                                                                     + "|\\b(?:reasoning[_.]?effort|temperature|top_p|top_k|max_tokens|max_completion_tokens|tool_choice|tools?"
                                                                     + "|tool_calls|response_format|logprobs|logit_bias|frequency_penalty|presence_penalty|stream_options"
                                                                     + "|parallel_tool_calls|verbosity|streaming|images?|vision|audio)\\b");

    private ErrorClassifier() {
    }

    /** Classifies an HTTP error response (status ≥ 400). */
    public static InferenceException fromResponse(
            String provider, int status, Function<String, String> header,
            String body, Clock clock) {
        Parsed parsed = parse(body);
        Duration retryAfter = RetryAfter.parse(header, clock);
        ErrorKind kind = kindFor(status, parsed);
        String message = parsed.message == null ? "(empty error body)" : parsed.message;
        if (kind == ErrorKind.CONTENT_FILTERED && !parsed.filtered.isEmpty()) {
            // Azure names what its filter found in the prompt: say it, and keep it for the route
            ErrorDetails details = new ErrorDetails(
                    provider, status, parsed.type, parsed.code, message
                                                                + " (filtered for "
                                                                + ContentFilteredException.describe(parsed.filtered) + ")",
                    header.apply("x-request-id"), retryAfter);
            return new ContentFilteredException(details, null, parsed.filtered);
        }
        ErrorDetails details = new ErrorDetails(
                provider, status, parsed.type, parsed.code, message,
                header.apply("x-request-id"), retryAfter);
        return InferenceException.of(kind, details, null);
    }

    /** Classifies an error event found inside an SSE stream after HTTP 200 (the Hugging Face router sends these). */
    public static InferenceException fromStreamEvent(String provider, JsonNode event, String requestId) {
        Parsed parsed = fromJson(event);
        int status = event.path("error").path("status").asInt(event.path("status").asInt(0));
        ErrorKind kind = status >= 400 ? kindFor(status, parsed) : kindForCode(parsed, ErrorKind.STREAM_INTERRUPTED);
        String message = "error event in stream: "
                         + (parsed.message == null ? Excerpt.of(event.toString()) : parsed.message);
        if (kind == ErrorKind.CONTENT_FILTERED && !parsed.filtered.isEmpty()) {
            return new ContentFilteredException(
                    new ErrorDetails(
                            provider, status, parsed.type, parsed.code, message
                                                                        + " (filtered for "
                                                                        + ContentFilteredException.describe(parsed.filtered)
                                                                        + ")",
                            requestId, null),
                    null, parsed.filtered);
        }
        ErrorDetails details = new ErrorDetails(provider, status, parsed.type, parsed.code, message, requestId, null);
        return InferenceException.of(kind, details, null);
    }

    static ErrorKind kindFor(int status, Parsed parsed) {
        return switch (status) {
            // a key that may not use this model (Novita's model_access_denied, a proxy's model allowlist) is refused
            // the model, not the account: another model or provider still helps
            case 401, 403 -> modelRefused(parsed) ? ErrorKind.MODEL_NOT_FOUND : ErrorKind.AUTHENTICATION;
            case 402 -> ErrorKind.QUOTA_EXCEEDED;
            case 404, 410 -> ErrorKind.MODEL_NOT_FOUND; // 410 Gone: the model was retired (SambaNova, NVIDIA NIM)
            case 408 -> ErrorKind.TIMEOUT;
            case 409, 425 -> ErrorKind.PROVIDER_UNAVAILABLE;
            case 429 -> kindForCode(parsed, ErrorKind.RATE_LIMITED);
            default -> status >= 500 ? ErrorKind.PROVIDER_UNAVAILABLE : kindForCode(parsed, ErrorKind.INVALID_REQUEST);
        };
    }

    /** Codes and messages that say more than the status does (OpenAI's codes; the router's phrases). */
    private static ErrorKind kindForCode(Parsed parsed, ErrorKind otherwise) {
        String code = lower(parsed.code) + " " + lower(parsed.type);
        String message = lower(parsed.message);
        if (code.contains("insufficient_quota") || message.contains("exceeded your current quota")
                || message.contains("exceeded your monthly included credits")) {
            return ErrorKind.QUOTA_EXCEEDED;
        }
        if (code.contains("context_length_exceeded") || message.contains("maximum context length")) {
            return ErrorKind.CONTEXT_LENGTH_EXCEEDED;
        }
        if (code.contains("deploymentnotfound") || modelRefused(parsed)) {
            return ErrorKind.MODEL_NOT_FOUND;
        }
        if (code.contains("content_filter") || code.contains("content_policy")
                || code.contains("responsibleaipolicyviolation") || !parsed.filtered.isEmpty()) {
            return ErrorKind.CONTENT_FILTERED;
        }
        if (code.contains("invalid_api_key") || code.contains("authentication")) {
            return ErrorKind.AUTHENTICATION;
        }
        if (code.contains("rate_limit") || message.contains("rate limit")) {
            return ErrorKind.RATE_LIMITED;
        }
        if (code.contains("server_error") || code.contains("overloaded")) {
            return ErrorKind.PROVIDER_UNAVAILABLE;
        }
        return otherwise;
    }

    /**
     * A provider saying it does not serve this model (router backends answer 400 this way, some 401, 403 or 410):
     * another provider can, so it fails over like model-not-found. A parameter or value this model does not take
     * ("'max_tokens' is not supported with this model", a {@code param} other than {@code model}) is the request's
     * fault and never matches.
     */
    static boolean modelRefused(Parsed parsed) {
        String code = lower(parsed.code) + " " + lower(parsed.type);
        if (code.contains("unsupported_parameter") || code.contains("unsupported_value")
                || code.contains("invalid_parameter")) {
            return false;
        }
        for (String refused : MODEL_REFUSED_CODES) {
            if (code.contains(refused)) {
                return true;
            }
        }
        String param = lower(parsed.param);
        String message = lower(parsed.message);
        if (!param.isEmpty() && !param.equals("model") || PARAMETER_REFUSED.matcher(message).find()) {
            return false;
        }
        return MODEL_REFUSED.matcher(message).find();
    }

    static Parsed parse(String body) {
        if (body == null || body.isBlank()) {
            return new Parsed(null, null, null, null);
        }
        String trimmed = body.trim();
        if (trimmed.startsWith("{")) {
            try {
                return fromJson(MAPPER.readTree(trimmed));
            } catch (Exception notJson) {
                // fall through to plain text
            }
        }
        return new Parsed(truncate(trimmed), null, null, null);
    }

    private static Parsed fromJson(JsonNode root) {
        JsonNode error = root.path("error");
        if (error.isObject()) {
            // Azure OpenAI: {"error":{"code":"content_filter","innererror":{"code":"ResponsibleAIPolicyViolation",
            // "content_filter_result":{"hate":{"filtered":true,"severity":"high"},...}}}}
            JsonNode inner = error.path("innererror");
            JsonNode verdicts = inner.has("content_filter_result")
                    ? inner.get("content_filter_result")
                    : inner.get("content_filter_results");
            String code = text(error.get("code"));
            return new Parsed(
                    text(error.get("message")), text(error.get("type")),
                    code != null ? code : text(inner.get("code")), text(error.get("param")),
                    ContentFilteredException.filteredCategories(verdicts));
        }
        if (error.isTextual()) {
            return new Parsed(
                    truncate(error.asText()), text(root.get("error_type")), text(root.get("code")),
                    text(root.get("param")));
        }
        for (String field : new String[] { "message", "detail", "error_description" }) {
            JsonNode value = root.get(field);
            if (value != null && !value.isNull()) {
                return new Parsed(text(value), text(root.get("type")), text(root.get("code")), text(root.get("param")));
            }
        }
        return new Parsed(truncate(root.toString()), null, null, null);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return truncate(node.isValueNode() ? node.asText() : node.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    /**
     * What an error body says.
     *
     * @param param    the request field it names, when it names one
     * @param filtered the categories a content filter named, with their severities; empty when none
     */
    record Parsed(String message, String type, String code, String param, Map<String, String> filtered) {

        Parsed(String message, String type, String code, String param) {
            this(message, type, code, param, Map.of());
        }
    }

    /** Convenience for tests and callers that hold no clock. */
    public static InferenceException fromResponse(
            String provider, int status, Function<String, String> header,
            String body) {
        return fromResponse(provider, status, header, body, Clock.systemUTC());
    }
}
