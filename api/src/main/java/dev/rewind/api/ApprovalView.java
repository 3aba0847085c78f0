package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A request that waits, or waited, for a second person's approval (four eyes).
 *
 * @param entryId     the message a replay or revoke is about, or null for a bulk job
 * @param jobId       the bulk job, or null
 * @param cascade     for a revoke: whether it cascades to what the message caused
 * @param target      for a replay: the queue it goes to instead of the original, or null
 * @param why         which rule of the approval policy asked for it
 * @param requestedBy the principal who asked; never the one who decides
 * @param reason      the requester's reason
 * @param decidedBy   the approver, or null while waiting (and for an expired request)
 * @param decision    the approver's reason
 */
public record ApprovalView(long id, ApprovalKind kind, ApprovalState state, UUID entryId, Long jobId,
                           boolean cascade, String target, String why, String requestedBy, Instant requestedAt,
                           String reason, Instant expiresAt, String decidedBy, Instant decidedAt, String decision)
        implements Serializable {
}
