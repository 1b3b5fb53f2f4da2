package io.github.camelinference.camel.inference.budget;

/**
 * Where spend is kept, per budget key and window. In memory by default; a shared store lets several instances of a
 * service spend one budget.
 * <p>
 * A call is guarded in two steps: {@link #reserve} adds its maximum cost before it is sent, if the key still has budget,
 * and {@link #settle} replaces that reservation with what the call really cost once it is known. Both must be atomic
 * per key and window, or parallel calls overspend: the defaults here are not, and exist only so that stores written
 * for earlier versions keep compiling; every store shared between threads overrides them.
 */
public interface SpendStore {

    /** Adds to the key's spend in the window and returns the new total (USD). */
    double add(String key, String window, double usd);

    /** The key's spend in the window so far, reservations of calls in flight included (USD). */
    double get(String key, String window);

    /**
     * Atomically: when the key's spend in the window is below {@code limitUsd}, adds {@code usd} to it and returns
     * true; otherwise changes nothing and returns false.
     */
    default boolean reserve(String key, String window, double usd, double limitUsd) {
        if (get(key, window) >= limitUsd) {
            return false;
        }
        add(key, window, usd);
        return true;
    }

    /**
     * Atomically replaces a reservation by the real cost: adds {@code actualUsd − reservedUsd} to the key's spend in
     * the window (the window the reservation was made in) and returns the new total (USD).
     */
    default double settle(String key, String window, double reservedUsd, double actualUsd) {
        return add(key, window, actualUsd - reservedUsd);
    }
}
