package io.github.camelinference.camel.inference.budget;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A spending limit per key (a tenant, a team, an API consumer) and window (hour, day, month, in UTC). Bind it to an
 * endpoint with {@code budgetGuard=#name}: calls past the limit fail with {@code BudgetExceededException}, every
 * answer's cost is added, and routes read {@link #usedFraction} to switch to a cheaper provider before the limit,
 * e.g. {@code ${bean:budget?method=usedFraction(${header.tenant})} > 0.8} in a {@code choice}.
 */
public class BudgetGuard {

    /** The windows a budget can be counted over. */
    public enum Window {
        HOUR("yyyy-MM-dd'T'HH"), DAY("yyyy-MM-dd"), MONTH("yyyy-MM");

        private final DateTimeFormatter format;

        Window(String pattern) {
            this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
        }
    }

    private final SpendStore store;
    private final double limitUsd;
    private final Window window;
    private final Clock clock;

    public BudgetGuard(double limitUsd, Window window) {
        this(new InMemorySpendStore(), limitUsd, window, Clock.systemUTC());
    }

    public BudgetGuard(SpendStore store, double limitUsd, Window window, Clock clock) {
        if (limitUsd <= 0) {
            throw new IllegalArgumentException("the budget limit must be positive, was " + limitUsd);
        }
        this.store = store;
        this.limitUsd = limitUsd;
        this.window = window;
        this.clock = clock;
    }

    private String currentWindow() {
        return window.name() + ":" + window.format.format(clock.instant());
    }

    /** USD spent by the key in the current window. */
    public double spent(String key) {
        return store.get(key, currentWindow());
    }

    /** The share of the limit the key has spent in the current window: 0.8 means 80 %. */
    public double usedFraction(String key) {
        return spent(key) / limitUsd;
    }

    /** Whether a call for this key may start. */
    public boolean allows(String key) {
        return spent(key) < limitUsd;
    }

    /** Adds an answer's cost; returns the key's new used fraction. */
    public double record(String key, double usd) {
        return store.add(key, currentWindow(), usd) / limitUsd;
    }

    public double limitUsd() {
        return limitUsd;
    }

    public Window window() {
        return window;
    }
}
