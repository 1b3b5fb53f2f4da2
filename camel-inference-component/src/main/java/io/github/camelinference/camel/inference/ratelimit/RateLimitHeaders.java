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
package io.github.camelinference.camel.inference.ratelimit;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenAI's rate-limit response headers: {@code x-ratelimit-remaining-requests} and {@code -tokens} (counts) and
 * {@code x-ratelimit-reset-requests} and {@code -tokens}, durations written the way Go prints them ({@code 6m0s},
 * {@code 1s}, {@code 20ms}, {@code 1.5s}).
 */
public final class RateLimitHeaders {

    public static final String REMAINING_REQUESTS = "x-ratelimit-remaining-requests";
    public static final String REMAINING_TOKENS = "x-ratelimit-remaining-tokens";
    public static final String RESET_REQUESTS = "x-ratelimit-reset-requests";
    public static final String RESET_TOKENS = "x-ratelimit-reset-tokens";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s|us|µs|ns)");

    private RateLimitHeaders() {
    }

    /** A count such as {@code 59} (a decimal is rounded down); null when absent or not a number. */
    public static Long count(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim()).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A duration such as {@code 6m0s}, {@code 20ms} or a bare number of seconds; null when absent or unreadable. */
    public static Duration duration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        try {
            if (text.matches("\\d+(\\.\\d+)?")) {
                return nanos(new BigDecimal(text), 1_000_000_000L);
            }
            Matcher part = PART.matcher(text);
            Duration total = Duration.ZERO;
            int at = 0;
            while (part.find() && part.start() == at) {
                BigDecimal amount = new BigDecimal(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "h" -> nanos(amount, 3_600_000_000_000L);
                    case "m" -> nanos(amount, 60_000_000_000L);
                    case "s" -> nanos(amount, 1_000_000_000L);
                    case "ms" -> nanos(amount, 1_000_000L);
                    case "us", "µs" -> nanos(amount, 1_000L);
                    default -> nanos(amount, 1L);
                });
                at = part.end();
            }
            return at == text.length() && at > 0 ? total : null;
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Duration nanos(BigDecimal amount, long unitNanos) {
        return Duration.ofNanos(amount.multiply(BigDecimal.valueOf(unitNanos)).longValue());
    }
}
