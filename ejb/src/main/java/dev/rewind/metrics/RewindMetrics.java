package dev.rewind.metrics;

import dev.rewind.handling.Consumed;
import dev.rewind.handling.HandlerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rewind's meters (Prometheus names in brackets):
 * <ul>
 * <li>{@code rewind.messages} [rewind_messages_total]: deliveries by type, outcome and whether
 *     their transaction committed;</li>
 * <li>{@code rewind.handler} [rewind_handler_seconds]: handler (and compensation) time by type and outcome;</li>
 * <li>{@code rewind.operations} [rewind_operations_total]: committed replays, withdrawals, compensations;</li>
 * <li>{@code rewind.job.entries} [rewind_job_entries_total]: bulk job progress by kind and result;</li>
 * <li>{@code rewind.rejections} [rewind_rejections_total]: committed rejections of unusable messages by reason.</li>
 * </ul>
 * Types without a handler are counted as {@code other}, so producers cannot create meters at will.
 */
@ApplicationScoped
class RewindMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    HandlerRegistry handlers;

    /**
     * Meters by name and tags, found once: the registry's own lookup searches its meters on every
     * call, which cost more than the rest of the metrics on the consumer's path. The keys are bounded:
     * handler types (others are "other"), outcomes and operations are fixed sets.
     */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Consumed event) {
        record(event, true);
    }

    void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) Consumed event) {
        record(event, false);
    }

    void operated(@Observes(during = TransactionPhase.AFTER_SUCCESS) Operated event) {
        counter("rewind.operations", "operation", event.operation(), "bulk", String.valueOf(event.jobId() != null))
                .increment();
    }

    void reconciled(@Observes(during = TransactionPhase.AFTER_SUCCESS) Reconciled event) {
        counter("rewind.reconciled", "action", event.action()).increment(event.count());
    }

    void chunk(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChunkCommitted event) {
        String kind = event.kind().name();
        counter("rewind.job.entries", "kind", kind, "result", "done").increment(event.done());
        counter("rewind.job.entries", "kind", kind, "result", "skipped").increment(event.skipped());
        counter("rewind.job.entries", "kind", kind, "result", "failed").increment(event.failed());
    }

    private void record(Consumed event, boolean committed) {
        String type = event.type() != null && handlers.types().contains(event.type()) ? event.type() : "other";
        String outcome = event.outcome().name();
        counter("rewind.messages", "type", type, "outcome", outcome, "committed", String.valueOf(committed))
                .increment();
        if (committed && event.rejection() != null) {
            counter("rewind.rejections", "reason", event.rejection().tag()).increment();
        }
        if (event.handlerNanos() > 0) {
            timers.computeIfAbsent(type + "|" + outcome, k -> registry.timer("rewind.handler", "type", type, "outcome", outcome))
                    .record(event.handlerNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + "|" + String.join("|", tags), k -> registry.counter(name, tags));
    }
}
