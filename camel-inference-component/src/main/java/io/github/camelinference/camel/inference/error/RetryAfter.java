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
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * Reads how long a provider asks a client to wait, in the forms the official SDKs honour: {@code retry-after-ms}
 * (milliseconds), {@code retry-after} in seconds, or {@code retry-after} as an HTTP date.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * @param  header looks up a response header by name (case-insensitive), null when absent
     * @return        the delay, never negative, or null when the response carries no usable hint
     */
    public static Duration parse(Function<String, String> header, Clock clock) {
        Duration millis = number(header.apply("retry-after-ms"), 1);
        if (millis != null) {
            return millis;
        }
        String value = header.apply("retry-after");
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration seconds = number(value, 1000);
        if (seconds != null) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration until = Duration.between(clock.instant(), at.toInstant());
            return until.isNegative() ? Duration.ZERO : until;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration number(String value, long millisPerUnit) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double amount = Double.parseDouble(value.trim());
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                return null;
            }
            return Duration.ofMillis(Math.round(amount * millisPerUnit));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
