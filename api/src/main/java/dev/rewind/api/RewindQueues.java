package dev.rewind.api;

/** The names of Rewind's own queues, bound under {@code java:/jms/queue/<name>} by the config/ scripts. */
public final class RewindQueues {

    /** Where other applications send, and where sends through Rewind go. */
    public static final String INBOUND = "rewind.inbound";

    /** Compensating messages of revokes, consumed by the compensation consumer. */
    public static final String COMPENSATION = "rewind.compensation";

    /** Where the broker puts a message whose last delivery failed. */
    public static final String DEAD_LETTER = "rewind.DLQ";

    /** Where each queue is bound in JNDI, for {@code @Resource(lookup)} and MDB activation. */
    public static final String JNDI_PREFIX = "java:/jms/queue/";
    public static final String INBOUND_JNDI = JNDI_PREFIX + INBOUND;
    public static final String COMPENSATION_JNDI = JNDI_PREFIX + COMPENSATION;
    public static final String DEAD_LETTER_JNDI = JNDI_PREFIX + DEAD_LETTER;

    private RewindQueues() {
    }
}
