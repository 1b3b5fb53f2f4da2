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
package io.github.camelinference.camel.inference.gateway.tenant;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.github.camelinference.camel.inference.budget.BudgetGuard;

/** When a spent budget is available again: the start of the next UTC hour, day or month of its window. */
public final class BudgetReset {

    private BudgetReset() {
    }

    public static Duration until(BudgetGuard.Window window, Instant now) {
        ZonedDateTime utc = now.atZone(ZoneOffset.UTC);
        ZonedDateTime next = switch (window) {
            case HOUR -> utc.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            case DAY -> utc.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(1);
        };
        return Duration.between(utc, next);
    }
}
