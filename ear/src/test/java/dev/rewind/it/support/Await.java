package dev.rewind.it.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition the test needs, polling, with a deadline and a message saying what did not happen. */
public final class Await {

    private Await() {
    }

    /** Polls {@code supplier} until {@code done} accepts its value, and returns that value. */
    public static <T> T until(String what, Duration timeout, Supplier<T> supplier, Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = supplier.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting until " + what + "; last seen: " + value);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting until " + what, e);
            }
            value = supplier.get();
        }
        return value;
    }
}
