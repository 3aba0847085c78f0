package dev.rewind.it.support;

import dev.rewind.handling.Consumed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only observer of the consumer: records each delivery's outcome once its transaction has
 * committed, so a test can wait for exactly the deliveries it caused.
 */
@ApplicationScoped
public class ConsumptionProbe {

    private final Map<UUID, List<Consumed.Outcome>> committed = new ConcurrentHashMap<>();

    public void onCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Consumed event) {
        committed.compute(event.id(), (id, list) -> {
            List<Consumed.Outcome> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(event.outcome());
            return List.copyOf(next);
        });
    }

    /** The committed outcomes of every delivery of this message, in order. */
    public List<Consumed.Outcome> outcomes(UUID id) {
        return committed.getOrDefault(id, List.of());
    }

    public long countWithOutcome(Collection<UUID> ids, Consumed.Outcome outcome) {
        return ids.stream().filter(id -> outcomes(id).contains(outcome)).count();
    }
}
