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
package io.github.camelinference.camel.inference.budget;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.camelinference.camel.inference.chat.Usage;

/**
 * A spending limit per key (a tenant, a team, an API consumer) and window (hour, day, month, in UTC). Bind it to an
 * endpoint with {@code budgetGuard=#name}: calls past the limit fail with {@code BudgetExceededException}, every
 * answer's cost is added, and routes read {@link #usedFraction} to switch to a cheaper provider before the limit, e.g.
 * {@code ${bean:budget?method=usedFraction(${header.tenant})} > 0.8} in a {@code choice}.
 * <p>
 * A call reserves its maximum cost before it is sent ({@link #reserve}), in one atomic step with the check, and settles
 * to its real cost when the answer's usage is known ({@link Reservation#settle}); a call that never reached the model
 * releases its reservation. So parallel calls cannot all pass the check before any of them is counted: the spend passes
 * the limit by at most the maximum cost of the last call let through.
 * <p>
 * One limit applies to every key unless a key has its own ({@link #limit(String, double)}, or the {@code limits}
 * property in a YAML bean: {@code limits: {acme: 2, globex: 50}}). The limit is passed to the store with each
 * reservation, so a shared store (Redis) applies each key's own limit with no change of its own; instances sharing a
 * store should be given the same limits.
 */
public class BudgetGuard {

    /**
     * Hears every charge the guard makes, with the usage behind it, so that a usage report adds up to exactly what the
     * budget counted (the gateway's {@code /v1/usage}). Called on the thread that settles: keep it quick, never throw.
     */
    @FunctionalInterface
    public interface UsageRecorder {
        /**
         * One change to a key's spend.
         *
         * @param key        the budget key
         * @param reservedAt when the call's reservation was made (the window it is charged to)
         * @param model      the model the call was made for, as the call named it; null when unknown
         * @param requests   1 for a call's first charge, 0 for a later correction of it
         * @param usage      the tokens this charge adds (null: none known)
         * @param usd        the USD this charge adds to the spend (negative when a kept maximum is corrected down)
         */
        void charged(String key, Instant reservedAt, String model, int requests, Usage usage, double usd);
    }

    /** The windows a budget can be counted over. */
    public enum Window {
        HOUR("yyyy-MM-dd'T'HH"),
        DAY("yyyy-MM-dd"),
        MONTH("yyyy-MM");

        private final DateTimeFormatter format;

        Window(String pattern) {
            this.format = DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
        }
    }

    private final SpendStore store;
    private final double limitUsd;
    private final Map<String, Double> keyLimits = new ConcurrentHashMap<>();
    /** {@link #keyLimits} as property binding sees it: a put parses and checks the limit. */
    private final Map<String, Object> limitsView = new AbstractMap<>() {
        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Collections.<String, Object> unmodifiableMap(keyLimits).entrySet();
        }

        @Override
        public Object put(String key, Object value) {
            return keyLimits.put(key, parseLimit(key, value));
        }
    };
    private final Window window;
    private final Clock clock;
    private volatile UsageRecorder usageRecorder;
    /** The window's name in the last UTC hour asked for: formatting a date on every call was most of a call's spend. */
    private volatile WindowName lastWindow;

    /** A UTC hour (hours since the epoch) and the name of the window it falls in. */
    private record WindowName(long hour, String name) {
    }

    public BudgetGuard(double limitUsd, Window window) {
        this(new InMemorySpendStore(), limitUsd, window, Clock.systemUTC());
    }

    public BudgetGuard(SpendStore store, double limitUsd, Window window, Clock clock) {
        this.store = store;
        checkLimit("the budget limit", limitUsd);
        this.limitUsd = limitUsd;
        this.window = window;
        this.clock = clock;
    }

    private static double checkLimit(String what, double limitUsd) {
        if (!(limitUsd > 0)) {
            throw new IllegalArgumentException(what + " must be a positive number of USD, was " + limitUsd);
        }
        return limitUsd;
    }

    /**
     * Gives one key its own limit, in USD per window, in place of the guard's default; it applies from the next
     * reservation on (spend already counted stays). Returns this guard.
     */
    public BudgetGuard limit(String key, double limitUsd) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a budget key's limit needs the key it applies to");
        }
        keyLimits.put(key, checkLimit("the limit of budget key '" + key + "'", limitUsd));
        return this;
    }

    /**
     * The keys' own limits, key to USD per window (numbers, or text that is a number, as a YAML bean's {@code limits}
     * property gives them). Replaces the limits set before.
     */
    public void setLimits(Map<String, ?> limits) {
        Map<String, Double> parsed = new LinkedHashMap<>();
        limits.forEach((key, value) -> parsed.put(key, parseLimit(key, value)));
        keyLimits.clear();
        keyLimits.putAll(parsed);
    }

    /**
     * The keys that have their own limit, with it. Putting into this map sets a key's limit (Camel binds a YAML bean's
     * {@code limits: {acme: 2}} that way, one key at a time); removing is not supported.
     */
    public Map<String, Object> getLimits() {
        return limitsView;
    }

    private static double parseLimit(String key, Object value) {
        double usd;
        try {
            usd = value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "the limit of budget key '" + key + "' is not a number of USD: '"
                                               + value + "'",
                    e);
        }
        return checkLimit("the limit of budget key '" + key + "'", usd);
    }

    /** The key's limit in USD per window: its own, else the guard's default. */
    public double limitUsd(String key) {
        Double own = key == null ? null : keyLimits.get(key);
        return own != null ? own : limitUsd;
    }

    private String currentWindow() {
        return windowAt(clock.instant());
    }

    /** The store's name for the window an instant falls in, such as {@code DAY:2026-05-01}. */
    private String windowAt(Instant instant) {
        // why by the hour: every window (hour, day, month in UTC) starts on a UTC hour, so the hour decides the name
        long hour = Math.floorDiv(instant.getEpochSecond(), 3600);
        WindowName last = lastWindow;
        if (last == null || last.hour() != hour) {
            last = new WindowName(hour, window.name() + ":" + window.format.format(instant));
            lastWindow = last;
        }
        return last.name();
    }

    /** USD spent by the key in the current window. */
    public double spent(String key) {
        return store.get(key, currentWindow());
    }

    /** The share of the limit the key has spent in the current window: 0.8 means 80 %. */
    public double usedFraction(String key) {
        return spent(key) / limitUsd(key);
    }

    /** Whether a call for this key may start now; a call itself uses {@link #reserve}, which checks atomically. */
    public boolean allows(String key) {
        return spent(key) < limitUsd(key);
    }

    /** Adds a cost outside a reservation; returns the key's new used fraction. */
    public double record(String key, double usd) {
        return store.add(key, currentWindow(), usd) / limitUsd(key);
    }

    /**
     * Reserves a call's maximum cost when the key's spend (reservations included) is below the limit, atomically.
     *
     * @return the reservation to settle once the call has ended, or null when the budget is spent
     */
    public Reservation reserve(String key, double maxUsd) {
        return reserve(key, maxUsd, null);
    }

    /**
     * Reserves for a call to this model; the model is what {@link UsageRecorder} hears the call's charges under.
     *
     * @return the reservation, or null when the budget is spent
     */
    public Reservation reserve(String key, double maxUsd, String model) {
        if (!(maxUsd >= 0) || Double.isInfinite(maxUsd)) {
            throw new IllegalArgumentException("a reservation must be a finite, non-negative amount, was " + maxUsd);
        }
        Instant now = clock.instant();
        String window = windowAt(now);
        return store.reserve(key, window, maxUsd, limitUsd(key)) ? new Reservation(key, window, maxUsd, model, now) : null;
    }

    /** Who hears every charge with its usage (null: no one). */
    public void setUsageRecorder(UsageRecorder usageRecorder) {
        this.usageRecorder = usageRecorder;
    }

    public UsageRecorder getUsageRecorder() {
        return usageRecorder;
    }

    /** The default limit, in USD per window: that of every key without its own. */
    public double limitUsd() {
        return limitUsd;
    }

    public Window window() {
        return window;
    }

    /**
     * One call's reserved maximum cost, settled once: to the real cost, to nothing, or left at the maximum. One left at
     * its maximum because the cost was unknown ({@link #keep}) may be settled once more when it becomes known
     * ({@link #settleKept}).
     */
    public final class Reservation {
        private static final int OPEN = 0;
        private static final int KEPT = 1;
        private static final int FINAL = 2;

        private final String key;
        private final String window;
        private final double reservedUsd;
        private final String model;
        private final Instant reservedAt;
        private final AtomicInteger state = new AtomicInteger(OPEN);

        Reservation(String key, String window, double reservedUsd, String model, Instant reservedAt) {
            this.key = key;
            this.window = window;
            this.reservedUsd = reservedUsd;
            this.model = model;
            this.reservedAt = reservedAt;
        }

        /**
         * Replaces the reservation by the call's real cost (clamped to zero or more) in the window it was made in;
         * returns the key's used fraction afterwards. A second settle or release is ignored.
         */
        public double settle(double actualUsd) {
            return settle(actualUsd, null);
        }

        /** {@link #settle(double)} for a call whose usage is known: the {@link UsageRecorder} hears it. */
        public double settle(double actualUsd, Usage usage) {
            if (!state.compareAndSet(OPEN, FINAL)) {
                return spent(key) / limitUsd(key);
            }
            return charge(actualUsd, 1, usage);
        }

        /** The call's cost is unknown: it stays charged at the reserved maximum. Returns the used fraction. */
        public double keep() {
            return keep(null);
        }

        /** {@link #keep()} for a call whose usage is known but not its price (the model has none). */
        public double keep(Usage usage) {
            if (!state.compareAndSet(OPEN, KEPT)) {
                return spent(key) / limitUsd(key);
            }
            return charge(reservedUsd, 1, usage);
        }

        /**
         * A kept reservation's cost became known after all (a stream cut mid-way whose answer a failover step continued
         * elsewhere: what it delivered is counted): it is charged that cost instead of its maximum, never more than the
         * maximum. Only once, and only after {@link #keep}; otherwise ignored. Returns the used fraction.
         */
        public double settleKept(double actualUsd) {
            return settleKept(actualUsd, null);
        }

        /** {@link #settleKept(double)} with the usage the corrected cost stands for. */
        public double settleKept(double actualUsd, Usage usage) {
            if (!state.compareAndSet(KEPT, FINAL)) {
                return spent(key) / limitUsd(key);
            }
            double actual = Math.min(actualUsd, reservedUsd);
            double fraction = store.settle(key, window, reservedUsd, actual) / limitUsd(key);
            // the keep charged the maximum already: this charge is the correction, for no further request
            record(0, usage, valid(actual) - reservedUsd);
            return fraction;
        }

        /** The call never reached the model: gives the reservation back (no usage, no request). */
        public void release() {
            if (state.compareAndSet(OPEN, FINAL)) {
                store.settle(key, window, reservedUsd, 0);
            }
        }

        private double charge(double actualUsd, int requests, Usage usage) {
            double actual = valid(actualUsd);
            double fraction = store.settle(key, window, reservedUsd, actual) / limitUsd(key);
            record(requests, usage, actual);
            return fraction;
        }

        private double valid(double actualUsd) {
            return actualUsd >= 0 && !Double.isInfinite(actualUsd) ? actualUsd : reservedUsd;
        }

        private void record(int requests, Usage usage, double usd) {
            UsageRecorder recorder = usageRecorder;
            if (recorder != null) {
                recorder.charged(key, reservedAt, model, requests, usage, usd);
            }
        }

        public String key() {
            return key;
        }

        public double reservedUsd() {
            return reservedUsd;
        }
    }
}
