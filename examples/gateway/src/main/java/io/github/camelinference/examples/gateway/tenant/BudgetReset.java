package io.github.camelinference.examples.gateway.tenant;

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
