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
