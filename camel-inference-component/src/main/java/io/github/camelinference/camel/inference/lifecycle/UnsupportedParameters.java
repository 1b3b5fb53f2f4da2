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
package io.github.camelinference.camel.inference.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelinference.camel.inference.chat.ChatParameters;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;

/**
 * What to change in a request that a model refused for one parameter or value (LiteLLM calls the same idea
 * {@code drop_params}): OpenAI's 400 {@code unsupported_parameter} / {@code unsupported_value}, as a successor model
 * answers a value its predecessor took ({@code reasoning_effort=minimal}). The refused parameter is dropped, or set to
 * the nearest value the error names as supported. Only parameters that tune an answer are touched, never the model, the
 * conversation, tools, the response format or the output limit. Knows nothing of Camel.
 */
public final class UnsupportedParameters {

    /** Values in the order of how much they ask for; a refused one is replaced by its nearest supported neighbour. */
    private static final Map<String, List<String>> ORDERED_VALUES = Map.of(
            "reasoning_effort", List.of("none", "minimal", "low", "medium", "high", "xhigh", "max"),
            "verbosity", List.of("low", "medium", "high"));
    private static final Pattern QUOTED = Pattern.compile("['`\"]([^'`\"]{1,64})['`\"]");
    private static final Pattern SUPPORTED = Pattern.compile("(?i)supported values? (?:are|is)\\s*:?(.*)");

    private UnsupportedParameters() {
    }

    /**
     * A change to one request parameter.
     *
     * @param parameter   the wire name ({@code reasoning_effort})
     * @param refused     the value that was sent
     * @param replacement the value to send instead, or null to send none (the provider's default applies)
     */
    public record Adjustment(String parameter, String refused, String replacement) {

        /** Whether this request sends the refused value (a change learned for one value applies to that value only). */
        public boolean matches(ChatParameters p) {
            return refused.equals(adjustable(p).get(parameter));
        }

        /** The request with this change. */
        public ChatParameters applyTo(ChatParameters p) {
            Map<String, Object> extra = p.extraBody();
            if (extra != null && extra.containsKey(parameter)) {
                extra = new LinkedHashMap<>(extra);
                if (replacement == null) {
                    extra.remove(parameter);
                } else {
                    extra.put(parameter, replacement);
                }
            }
            return new ChatParameters(
                    p.model(), p.messages(),
                    "temperature".equals(parameter) ? null : p.temperature(),
                    "top_p".equals(parameter) ? null : p.topP(), p.maxTokens(),
                    "reasoning_effort".equals(parameter) ? replacement : p.reasoningEffort(),
                    "verbosity".equals(parameter) ? replacement : p.verbosity(),
                    "stop".equals(parameter) ? null : p.stop(),
                    "seed".equals(parameter) ? null : p.seed(),
                    "user".equals(parameter) || "safety_identifier".equals(parameter) ? null : p.user(),
                    p.responseFormat(), p.stream(), p.includeStreamUsage(), extra, p.tools());
        }

        /** For the log: {@code with reasoning_effort=low}, or {@code without temperature}. */
        public String describe() {
            return replacement == null ? "without " + parameter : "with " + parameter + "=" + replacement;
        }
    }

    /**
     * The change that answers this refusal of this request, or null when the error is not such a refusal or names
     * nothing that may be changed.
     */
    public static Adjustment adjustmentFor(ChatParameters sent, InferenceException refusal) {
        if (refusal.getKind() != ErrorKind.INVALID_REQUEST || !isParameterRefusal(refusal)) {
            return null;
        }
        String message = String.valueOf(refusal.getProviderMessage());
        List<String> quoted = quoted(message);
        Map<String, String> candidates = adjustable(sent);
        String parameter = null;
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            // "'temperature' does not support 0.2" names the parameter; "'minimal' is not supported" its value
            if (quoted.contains(candidate.getKey()) || quoted.contains(candidate.getKey().replace('_', '.'))) {
                parameter = candidate.getKey();
                break;
            }
        }
        if (parameter == null) {
            for (Map.Entry<String, String> candidate : candidates.entrySet()) {
                if (ORDERED_VALUES.containsKey(candidate.getKey()) && quoted.contains(candidate.getValue())) {
                    parameter = candidate.getKey();
                    break;
                }
            }
        }
        if (parameter == null) {
            return null;
        }
        String refused = candidates.get(parameter);
        return new Adjustment(parameter, refused, nearestSupported(parameter, refused, supportedValues(message)));
    }

    private static boolean isParameterRefusal(InferenceException refusal) {
        String code = String.valueOf(refusal.getDetails().errorCode()).toLowerCase(Locale.ROOT);
        String message = String.valueOf(refusal.getProviderMessage()).toLowerCase(Locale.ROOT);
        return code.contains("unsupported_parameter") || code.contains("unsupported_value")
                || message.startsWith("unsupported parameter") || message.startsWith("unsupported value");
    }

    /** The parameters this request sets that may be changed, by wire name, with their values as text. */
    private static Map<String, String> adjustable(ChatParameters p) {
        Map<String, String> set = new LinkedHashMap<>();
        putIfSet(set, "reasoning_effort", p.reasoningEffort());
        putIfSet(set, "verbosity", p.verbosity());
        putIfSet(set, "temperature", p.temperature());
        putIfSet(set, "top_p", p.topP());
        putIfSet(set, "seed", p.seed());
        putIfSet(set, "stop", p.stop());
        putIfSet(set, "user", p.user());
        putIfSet(set, "safety_identifier", p.user());
        if (p.extraBody() != null) {
            p.extraBody().forEach((name, value) -> putIfSet(set, name, value));
        }
        return set;
    }

    private static void putIfSet(Map<String, String> set, String name, Object value) {
        if (value != null) {
            set.put(name, String.valueOf(value));
        }
    }

    private static List<String> quoted(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group(1));
        }
        return tokens;
    }

    /** The values after "Supported values are:", or none. */
    private static List<String> supportedValues(String message) {
        Matcher matcher = SUPPORTED.matcher(message);
        return matcher.find() ? quoted(matcher.group(1)) : List.of();
    }

    /**
     * For a parameter whose values are ordered, the nearest supported value at or above the refused one (a model asked
     * to reason "minimal" reasons "low" rather than not at all), else the nearest below; otherwise null: leave it out.
     */
    private static String nearestSupported(String parameter, String refused, List<String> supported) {
        List<String> order = ORDERED_VALUES.get(parameter);
        if (order == null || supported.isEmpty() || !order.contains(refused)) {
            return null;
        }
        int at = order.indexOf(refused);
        for (int i = at; i < order.size(); i++) {
            if (supported.contains(order.get(i))) {
                return order.get(i);
            }
        }
        for (int i = at; i >= 0; i--) {
            if (supported.contains(order.get(i))) {
                return order.get(i);
            }
        }
        return null;
    }
}
