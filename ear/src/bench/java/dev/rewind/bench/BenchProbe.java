package dev.rewind.bench;

import dev.rewind.handling.Consumed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts committed consumptions of both consumers, and hands out the commit time of awaited messages. */
@ApplicationScoped
public class BenchProbe {

    private final AtomicLong bare = new AtomicLong();
    private final AtomicLong rewind = new AtomicLong();
    private final Map<UUID, CompletableFuture<Long>> awaited = new ConcurrentHashMap<>();

    void onBare(@Observes(during = TransactionPhase.AFTER_SUCCESS) BareHandled event) {
        bare.incrementAndGet();
        complete(event.id());
    }

    void onRewind(@Observes(during = TransactionPhase.AFTER_SUCCESS) Consumed event) {
        if (event.outcome() == Consumed.Outcome.HANDLED) {
            rewind.incrementAndGet();
        } else if (event.outcome() == Consumed.Outcome.COMPENSATED) {
            complete(event.id());
        }
    }

    /** A future completed with System.nanoTime() when this message's transaction has committed. */
    public CompletableFuture<Long> await(UUID id) {
        return awaited.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    private void complete(UUID id) {
        CompletableFuture<Long> future = awaited.remove(id);
        if (future != null) {
            future.complete(System.nanoTime());
        }
    }

    public long bare() {
        return bare.get();
    }

    public long rewind() {
        return rewind.get();
    }

    /** Waits until the counter reaches the target; returns System.nanoTime() when it did. */
    public long awaitCount(java.util.function.LongSupplier counter, long target, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + counter.getAsLong() + " of " + target + " within " + timeout);
            }
            Thread.sleep(2);
        }
        return System.nanoTime();
    }
}
