package dev.rewind.broker;

/** The names of Rewind's own queues, bound under {@code java:/jms/queue/<name>} by the config/ scripts. */
public final class RewindQueues {

    /** Where other applications send, and where sends through Rewind go. */
    public static final String INBOUND = "rewind.inbound";

    /** Compensating messages of revokes, consumed by the compensation consumer. */
    public static final String COMPENSATION = "rewind.compensation";

    /** Where the broker puts a message whose last delivery failed. */
    public static final String DEAD_LETTER = "rewind.DLQ";

    private RewindQueues() {
    }
}
