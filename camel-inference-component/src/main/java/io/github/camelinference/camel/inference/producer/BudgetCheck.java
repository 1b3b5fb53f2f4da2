package io.github.camelinference.camel.inference.producer;

import java.util.Locale;

import io.github.camelinference.camel.inference.InferenceEndpoint;
import io.github.camelinference.camel.inference.budget.BudgetGuard;
import io.github.camelinference.camel.inference.error.ErrorDetails;
import io.github.camelinference.camel.inference.error.ErrorKind;
import io.github.camelinference.camel.inference.error.InferenceException;
import org.apache.camel.Exchange;

/** The endpoint's budgetGuard as a call meets it: checked before the call is sent, charged once it is answered. */
public final class BudgetCheck {

    private BudgetCheck() {
    }

    /** Throws BUDGET_EXCEEDED when this message's budget is already spent; does nothing without a budgetGuard. */
    public static void ensureAllowed(InferenceEndpoint endpoint, Exchange exchange) {
        BudgetGuard guard = endpoint.getConfiguration().getBudgetGuard();
        if (guard == null) {
            return;
        }
        String key = MessageParameters.budgetKey(endpoint, exchange);
        if (!guard.allows(key)) {
            throw InferenceException.of(ErrorKind.BUDGET_EXCEEDED, ErrorDetails.of(endpoint.getProvider(),
                    String.format(Locale.ROOT, "budget '%s' spent: %.6f of %.6f USD this %s", key,
                            guard.spent(key), guard.limitUsd(), guard.window().name().toLowerCase(Locale.ROOT))),
                    null);
        }
    }

    /**
     * Charges an answer's cost (when it is known) to this message's budget.
     *
     * @return the fraction of the budget now used, or null without a budgetGuard
     */
    static Double charge(InferenceEndpoint endpoint, Exchange exchange, Double cost) {
        BudgetGuard guard = endpoint.getConfiguration().getBudgetGuard();
        if (guard == null) {
            return null;
        }
        String key = MessageParameters.budgetKey(endpoint, exchange);
        return cost == null ? guard.usedFraction(key) : guard.record(key, cost);
    }
}
