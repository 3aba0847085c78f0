package dev.rewind.api;

import java.io.Serializable;
import java.util.Map;

/**
 * How many entries there are, by status and by type and status.
 *
 * @param byStatus every status, 0 where there are none
 * @param byType   for each type seen (null type as {@code "(none)"}), the statuses its entries have
 */
public record LedgerStats(long total, Map<Status, Long> byStatus, Map<String, Map<Status, Long>> byType)
        implements Serializable {
}
