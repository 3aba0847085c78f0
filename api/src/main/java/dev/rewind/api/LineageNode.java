package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One message in a lineage.
 *
 * @param causedBy      the message whose handler sent it, or null
 * @param replays       how often it was replayed (its replays run under the same id)
 * @param compensations how many compensation attempts it had (a revoke after it ran)
 * @param editOf        the message it corrects (edit and retry), or null
 * @param supersededBy  the message that corrects it, or null
 * @param children      what its handler sent, oldest first; empty above the entry the lineage is about
 */
public record LineageNode(UUID id, String type, Status status, Instant createdAt, UUID causedBy, int replays,
                          int compensations, UUID editOf, UUID supersededBy, List<LineageNode> children)
        implements Serializable {
}
