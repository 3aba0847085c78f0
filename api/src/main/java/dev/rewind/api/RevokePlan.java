package dev.rewind.api;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * What a (cascading) revoke does or did: every message to take back, in the order it is taken back, deepest
 * first (what a message caused before the message itself). A compensation starts only once every message its
 * entry caused is REVOKED: those still being compensated hold it back (the cause stays REVOKING meanwhile).
 *
 * @param dryRun   whether this is only the plan (nothing was changed)
 * @param approval when the approval policy held the revoke back: its request (nothing was changed yet)
 */
public record RevokePlan(UUID root, boolean dryRun, List<RevokeStep> steps, ApprovalView approval) implements Serializable {
}
