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
package io.github.camelinference.camel.inference.lifecycle;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which model takes over from which, and from when: a route that names a retired model keeps answering through its
 * successor. A model is retired from its shutdown date on (the provider's model list, else a date configured here), or
 * once the provider has answered model-not-found for it. Checked when built: a successor equal to its model, or a
 * cycle, is refused. Knows nothing of Camel.
 */
public final class ModelSuccession {

    /** No successors: every model is called as named. */
    public static final ModelSuccession NONE = new ModelSuccession(Map.of(), Map.of());

    private final Map<String, String> successors;
    private final Map<String, LocalDate> shutdownDates;

    private ModelSuccession(Map<String, String> successors, Map<String, LocalDate> shutdownDates) {
        this.successors = successors;
        this.shutdownDates = shutdownDates;
    }

    /**
     * Builds and checks a succession.
     *
     * @param  successors               model → the model that takes over from it
     * @param  shutdownDates            model → the date it shuts down, for providers whose model list names none
     * @throws IllegalArgumentException naming the model, when a successor is its own model or the chain loops
     */
    public static ModelSuccession of(Map<String, String> successors, Map<String, LocalDate> shutdownDates) {
        if (successors.isEmpty() && shutdownDates.isEmpty()) {
            return NONE;
        }
        for (String model : successors.keySet()) {
            List<String> chain = new ArrayList<>(List.of(model));
            Set<String> seen = new LinkedHashSet<>(chain);
            for (String next = successors.get(model); next != null; next = successors.get(next)) {
                chain.add(next);
                if (!seen.add(next)) {
                    throw new IllegalArgumentException(
                            chain.size() == 2
                                    ? "model " + model + " is named as its own successor: name another model"
                                    : "the model successors form a cycle (" + String.join(" -> ", chain) + "): a retired"
                                      + " model must lead to one that is not retired");
                }
            }
        }
        return new ModelSuccession(
                Collections.unmodifiableMap(new LinkedHashMap<>(successors)),
                Collections.unmodifiableMap(new LinkedHashMap<>(shutdownDates)));
    }

    /**
     * Reads {@code model=successor} pairs, comma-separated ({@code gpt-5-mini=gpt-6.1-terra,gpt-5=gpt-6.1-sol}).
     *
     * @param option the option's name, for the error
     */
    public static Map<String, String> parseSuccessors(String option, String value) {
        return pairs(option, value);
    }

    /** Reads {@code model=YYYY-MM-DD} pairs, comma-separated. */
    public static Map<String, LocalDate> parseDates(String option, String value) {
        Map<String, LocalDate> dates = new LinkedHashMap<>();
        for (Map.Entry<String, String> pair : pairs(option, value).entrySet()) {
            try {
                dates.put(pair.getKey(), LocalDate.parse(pair.getValue()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        option + ": '" + pair.getValue() + "' for model " + pair.getKey()
                                                   + " is not a date: write YYYY-MM-DD, e.g. "
                                                   + pair.getKey() + "=2026-12-11");
            }
        }
        return dates;
    }

    private static Map<String, String> pairs(String option, String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return pairs;
        }
        for (String entry : value.split(",")) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new IllegalArgumentException(
                        option + ": '" + entry.trim() + "' is not model=value; write"
                                                   + " comma-separated pairs such as gpt-5-mini=gpt-6.1-terra");
            }
            if (pairs.put(parts[0].trim(), parts[1].trim()) != null) {
                throw new IllegalArgumentException(option + " names model " + parts[0].trim() + " twice");
            }
        }
        return pairs;
    }

    /** This succession with more pairs, which win over the ones it has; checked again. */
    public ModelSuccession with(Map<String, String> moreSuccessors, Map<String, LocalDate> moreDates) {
        Map<String, String> allSuccessors = new LinkedHashMap<>(successors);
        allSuccessors.putAll(moreSuccessors);
        Map<String, LocalDate> allDates = new LinkedHashMap<>(shutdownDates);
        allDates.putAll(moreDates);
        return of(allSuccessors, allDates);
    }

    /** The model that takes over from this one, or null. */
    public String successorOf(String model) {
        return successors.get(model);
    }

    /** Whether any model has a successor. */
    public boolean isEmpty() {
        return successors.isEmpty();
    }

    /**
     * The model to call for the one asked for on this day: the first in its line of successors that is not shut down
     * ({@code today} on or after its date) and not known to be gone.
     *
     * @param catalogDate the provider's own shutdown date for a model, or null when its list names none (or has not
     *                    arrived); a configured date applies only then
     * @param gone        whether the provider has already answered model-not-found for a model
     */
    public String modelFor(
            String model, LocalDate today, Function<String, LocalDate> catalogDate,
            Function<String, Boolean> gone) {
        String current = model;
        while (successors.containsKey(current) && retired(current, today, catalogDate, gone)) {
            current = successors.get(current);
        }
        return current;
    }

    private boolean retired(
            String model, LocalDate today, Function<String, LocalDate> catalogDate,
            Function<String, Boolean> gone) {
        if (Boolean.TRUE.equals(gone.apply(model))) {
            return true;
        }
        LocalDate shutdown = catalogDate.apply(model);
        if (shutdown == null) {
            shutdown = shutdownDates.get(model);
        }
        return shutdown != null && !today.isBefore(shutdown);
    }
}
