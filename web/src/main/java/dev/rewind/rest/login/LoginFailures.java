package dev.rewind.rest.login;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins counted per client address: after {@code maxFailures} within one window the
 * address is refused for {@code block}, then starts afresh. Requests refused while blocked are
 * not counted, so a client that keeps guessing is not blocked for longer, and an address never
 * affects another: a password guesser cannot lock an operator out of their own machine, which a
 * per-account lockout (WildFly's default) lets anybody do.
 *
 * <p>In memory, per server; at most {@code maxAddresses} are tracked (expired ones are dropped
 * first), so a flood of addresses cannot fill the heap.
 */
final class LoginFailures {

    private final int maxFailures;
    private final long blockNanos;
    private final int maxAddresses;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Failures of one address since {@code since}; blocked until {@code blockedUntil} (nanoTime) if set. */
    private record Window(long since, int failures, long blockedUntil) {
    }

    public LoginFailures(int maxFailures, Duration block, int maxAddresses) {
        if (maxFailures < 1 || block.isNegative() || block.isZero() || maxAddresses < 1) {
            throw new IllegalArgumentException("maxFailures, block and maxAddresses must be positive");
        }
        this.maxFailures = maxFailures;
        this.blockNanos = block.toNanos();
        this.maxAddresses = maxAddresses;
    }

    /** How long the address is still refused, in whole seconds rounded up; 0 when it may try. */
    public long blockedSeconds(String address, long nowNanos) {
        Window window = windows.get(address);
        if (window == null || window.blockedUntil == 0 || window.blockedUntil - nowNanos <= 0) {
            return 0;
        }
        return Math.max(1, (window.blockedUntil - nowNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Counts a failed login of the address. */
    public void failed(String address, long nowNanos) {
        if (!windows.containsKey(address) && windows.size() >= maxAddresses) {
            windows.values().removeIf(w -> expired(w, nowNanos));
            if (windows.size() >= maxAddresses) {
                return;
            }
        }
        windows.compute(address, (key, window) -> {
            if (window == null || expired(window, nowNanos)) {
                window = new Window(nowNanos, 0, 0);
            }
            if (window.blockedUntil != 0) {
                return window; // blocked: not counted
            }
            int failures = window.failures + 1;
            return failures >= maxFailures ? new Window(nowNanos, failures, nowNanos + blockNanos)
                    : new Window(window.since, failures, 0);
        });
    }

    private boolean expired(Window window, long nowNanos) {
        return window.blockedUntil != 0 ? window.blockedUntil - nowNanos <= 0 : nowNanos - window.since >= blockNanos;
    }

    int tracked() {
        return windows.size();
    }
}
