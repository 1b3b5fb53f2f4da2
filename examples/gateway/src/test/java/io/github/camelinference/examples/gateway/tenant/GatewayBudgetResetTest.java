package io.github.camelinference.examples.gateway.tenant;

import java.time.Duration;
import java.time.Instant;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GatewayBudgetResetTest {

    @Test
    void aSpentBudgetComesBackAtTheStartOfItsNextWindow() {
        Instant now = Instant.parse("2026-12-01T23:40:30Z");
        assertEquals(Duration.ofSeconds(19 * 60 + 30), BudgetReset.until(BudgetGuard.Window.HOUR, now));
        assertEquals(Duration.ofSeconds(19 * 60 + 30), BudgetReset.until(BudgetGuard.Window.DAY, now));
        assertEquals(Duration.ofDays(30).plusSeconds(19 * 60 + 30), BudgetReset.until(BudgetGuard.Window.MONTH, now));
    }
}
