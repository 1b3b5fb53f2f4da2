package io.github.camelinference.camel.inference.budget;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A spending limit per key (a tenant, a team, an API consumer) and window (hour, day, month, in UTC). Bind it to an
 * endpoint with {@code budgetGuard=#name}: calls past the limit fail with {@code BudgetExceededException}, every
 * answer's cost is added, and routes read {@link #usedFraction} to switch to a cheaper provider before the limit,
 * e.g. {@code ${bean:budget?method=usedFraction(${header.tenant})} > 0.8} in a {@code choice}.
 * <p>
 * A call reserves its maximum cost before it is sent ({@link #reserve}), in one atomic step with the check, and settles
 * to its real cost when the answer's usage is known ({@link Reservation#settle}); a call that never reached the model
 * releases its reservation. So parallel calls cannot all pass the check before any of them is counted: the spend passes
 * the limit by at most the maximum cost of the last call let through.
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

    /** Whether a call for this key may start now; a call itself uses {@link #reserve}, which checks atomically. */
    public boolean allows(String key) {
        return spent(key) < limitUsd;
    }

    /** Adds a cost outside a reservation; returns the key's new used fraction. */
    public double record(String key, double usd) {
        return store.add(key, currentWindow(), usd) / limitUsd;
    }

    /**
     * Reserves a call's maximum cost when the key's spend (reservations included) is below the limit, atomically.
     *
     * @return the reservation to settle once the call has ended, or null when the budget is spent
     */
    public Reservation reserve(String key, double maxUsd) {
        if (!(maxUsd >= 0) || Double.isInfinite(maxUsd)) {
            throw new IllegalArgumentException("a reservation must be a finite, non-negative amount, was " + maxUsd);
        }
        String window = currentWindow();
        return store.reserve(key, window, maxUsd, limitUsd) ? new Reservation(key, window, maxUsd) : null;
    }

    public double limitUsd() {
        return limitUsd;
    }

    public Window window() {
        return window;
    }

    /** One call's reserved maximum cost, settled exactly once: to the real cost, to nothing, or left at the maximum. */
    public final class Reservation {
        private final String key;
        private final String window;
        private final double reservedUsd;
        private final AtomicBoolean settled = new AtomicBoolean();

        Reservation(String key, String window, double reservedUsd) {
            this.key = key;
            this.window = window;
            this.reservedUsd = reservedUsd;
        }

        /**
         * Replaces the reservation by the call's real cost (clamped to zero or more) in the window it was made in;
         * returns the key's used fraction afterwards. A second settle or release is ignored.
         */
        public double settle(double actualUsd) {
            if (!settled.compareAndSet(false, true)) {
                return spent(key) / limitUsd;
            }
            double actual = actualUsd >= 0 && !Double.isInfinite(actualUsd) ? actualUsd : reservedUsd;
            return store.settle(key, window, reservedUsd, actual) / limitUsd;
        }

        /** The call's cost is unknown: it stays charged at the reserved maximum. Returns the used fraction. */
        public double keep() {
            return settle(reservedUsd);
        }

        /** The call never reached the model: gives the reservation back. */
        public void release() {
            settle(0);
        }

        public String key() {
            return key;
        }

        public double reservedUsd() {
            return reservedUsd;
        }
    }
}
