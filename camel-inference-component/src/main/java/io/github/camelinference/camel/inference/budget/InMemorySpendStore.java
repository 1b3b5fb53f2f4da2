package io.github.camelinference.camel.inference.budget;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** Spend kept in this JVM only: one budget per service instance. */
public class InMemorySpendStore implements SpendStore {

    private final Map<String, DoubleAdder> spend = new ConcurrentHashMap<>();

    @Override
    public double add(String key, String window, double usd) {
        DoubleAdder total = spend.computeIfAbsent(key + "|" + window, k -> new DoubleAdder());
        total.add(usd);
        return total.sum();
    }

    @Override
    public double get(String key, String window) {
        DoubleAdder total = spend.get(key + "|" + window);
        return total == null ? 0 : total.sum();
    }
}
