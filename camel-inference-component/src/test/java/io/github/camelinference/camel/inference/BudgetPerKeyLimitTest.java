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

import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.error.BudgetExceededException;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One budget guard, a limit per key: keys with their own limit are refused at it, the others at the guard's default.
 * The guard is declared in YAML ({@code routes/budget-route.yaml}). One "Hello" answer from the simulated gpt-5-mini
 * costs 8.25e-6 USD.
 */
class BudgetPerKeyLimitTest extends SimulatorTestSupport {

    private static final double PER_HELLO = (1 * 0.25 + 4 * 2.00) / 1e6;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("sim.url", openai.baseUrl());
        properties.put("sim.apiKey", OPENAI_KEY);
        // a key may start a call while it has spent less than its limit: small takes 2 calls, default 3, large 10
        properties.put("budget.small", Double.toString(1.5 * PER_HELLO));
        properties.put("budget.default", Double.toString(2.5 * PER_HELLO));
        properties.put("budget.large", Double.toString(9.5 * PER_HELLO));
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        PluginHelper.getRoutesLoader(context).loadRoutes(
                PluginHelper.getResourceLoader(context).resolveResource("classpath:routes/budget-route.yaml"));
    }

    @Test
    void eachKeyIsRefusedAtItsOwnLimitAndTheOthersAtTheDefault() {
        assertEquals(2, callsUntilRefused("small"));
        assertEquals(3, callsUntilRefused("medium"), "a key without a limit of its own has the default");
        assertEquals(10, callsUntilRefused("large"));
    }

    @Test
    void theUsedFractionIsOfTheKeysOwnLimit() {
        Exchange small = ask("small");
        Exchange large = ask("large");

        assertEquals(1 / 1.5, small.getMessage().getHeader(InferenceConstants.BUDGET_USED, Double.class), 1e-9);
        assertEquals(1 / 9.5, large.getMessage().getHeader(InferenceConstants.BUDGET_USED, Double.class), 1e-9);
        BudgetGuard guard = context.getRegistry().lookupByNameAndType("yamlBudget", BudgetGuard.class);
        assertEquals(1 / 9.5, guard.usedFraction("large"), 1e-9);
        assertEquals(9.5 * PER_HELLO, guard.limitUsd("large"), 1e-15);
        assertEquals(2.5 * PER_HELLO, guard.limitUsd("medium"), 1e-15);
    }

    @Test
    void aRefusalNamesTheKeysOwnLimit() {
        callsUntilRefused("small");

        BudgetExceededException refused = assertInstanceOf(BudgetExceededException.class, ask("small").getException());
        assertTrue(refused.getMessage().contains(String.format(Locale.ROOT, "of %.6f USD",
                1.5 * PER_HELLO)), refused.getMessage());
    }

    @Test
    void aLimitThatIsNotAPositiveNumberIsRefusedWithItsKey() {
        BudgetGuard guard = new BudgetGuard(1, BudgetGuard.Window.DAY);

        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> guard.limit("acme", 0));
        assertTrue(zero.getMessage().contains("'acme'"), zero.getMessage());
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> guard.setLimits(Map.of("globex", "five")));
        assertTrue(text.getMessage().contains("'globex'") && text.getMessage().contains("five"), text.getMessage());
    }

    /** Calls for the key until the guard refuses; returns how many calls were answered. */
    private int callsUntilRefused(String key) {
        int sent = openai.requestCount();
        for (int answered = 0; answered < 50; answered++) {
            Exchange result = ask(key);
            if (result.getException() != null) {
                assertInstanceOf(BudgetExceededException.class, result.getException());
                assertEquals(sent + answered, openai.requestCount(), "a refused call never reaches the provider");
                return answered;
            }
            assertNull(result.getException());
        }
        throw new AssertionError("the budget of " + key + " was never spent");
    }

    private Exchange ask(String tenant) {
        return template.request("direct:yaml-budget", e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader("tenant", tenant);
        });
    }
}
