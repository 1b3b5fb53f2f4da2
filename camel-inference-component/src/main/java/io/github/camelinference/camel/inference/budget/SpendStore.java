package io.github.camelinference.camel.inference.budget;

/**
 * Where spend is kept, per budget key and window. In memory by default; a shared store lets several instances of a
 * service spend one budget.
 */
public interface SpendStore {

    /** Adds to the key's spend in the window and returns the new total (USD). */
    double add(String key, String window, double usd);

    /** The key's spend in the window so far (USD). */
    double get(String key, String window);
}
