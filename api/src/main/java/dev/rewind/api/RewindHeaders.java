package dev.rewind.api;

/** The JMS properties Rewind reads and writes: the JMS contract (docs/jms-contract.md). */
public final class RewindHeaders {

    /** The message id, a UUID. Optional: when absent, one is derived from the JMSMessageID. */
    public static final String ID = "rewindId";
    /** Set on a replayed copy: the id of the entry it replays. */
    public static final String REPLAY_OF = "rewindReplayOf";
    /** Set on an edited message: the id of the entry whose message it corrects (edit and retry). */
    public static final String EDIT_OF = "rewindEditOf";
    /** Set on a message a handler sent while it ran (a follow-up): the id of the message that caused it. */
    public static final String CAUSED_BY = "rewindCausedBy";
    /** Set on a dead-lettered copy of an unusable message: why it was rejected. */
    public static final String REJECT_REASON = "rewindRejectReason";
    /** Every property whose name starts with this belongs to Rewind and is not replayed as is. */
    public static final String PREFIX = "rewind";

    private RewindHeaders() {
    }

    /** Whether a property is the application's own, to be kept in the ledger and replayed. */
    public static boolean isApplicationProperty(String name) {
        return !(name.startsWith(PREFIX) || name.startsWith("JMSX") || name.startsWith("JMS_")
                || name.startsWith("_AMQ") || name.startsWith("__AMQ") || name.startsWith("_HQ"));
    }
}
