package dev.rewind.api;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * Entries of a REHEARSE job that came out the same way: the same outcome and, when they would fail, the same
 * error class.
 *
 * @param count       how many entries
 * @param sample      the first of them (at most {@link #SAMPLE})
 * @param sampleError one of their errors, when they would fail
 */
public record RehearsalGroup(RehearsalOutcome outcome, String errorClass, long count, List<UUID> sample,
                             String sampleError) implements Serializable {

    public static final int SAMPLE = 5;
}
