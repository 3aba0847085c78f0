package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One entry with everything the ledger knows about it.
 *
 * @param body       the message's body as recorded (JSON text)
 * @param properties the message's user properties as recorded: {@code String}, {@code Long} (whole
 *                   numbers), {@code Double} or {@code Boolean} values, in the order they were recorded;
 *                   null, like the body, once retention has purged the entry's content
 * @param editOf       the entry whose message this one corrects (edit and retry), or null
 * @param supersededBy the entry that corrects this one, when it is SUPERSEDED, or null
 * @param changes      for an edit: what differs from the entry it corrects (body and properties); empty otherwise
 * @param causedBy     the message whose handler sent this one (its cause), or null
 * @param compensationHeld REVOKING, its compensation held back until what it caused is revoked (a cascade)
 * @param pendingApproval  the request for this entry that waits for an approver (four eyes), or null
 */
public record EntryView(UUID id, String type, String destination, Status status, int attempts,
                        Instant createdAt, Instant updatedAt, Instant processedAt,
                        String lastError, String errorClass, int replays, boolean hold, Instant purgedAt,
                        String body, Map<String, Object> properties,
                        List<AttemptView> attemptLog, List<HistoryView> history,
                        UUID editOf, UUID supersededBy, List<FieldChange> changes,
                        UUID causedBy, boolean compensationHeld, ApprovalView pendingApproval) implements Serializable {
}
