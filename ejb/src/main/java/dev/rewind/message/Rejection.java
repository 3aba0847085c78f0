package dev.rewind.message;

/**
 * Why Rewind refused a message without running a handler: the {@code reason} tag of the
 * {@code rewind.rejections} meter, a fixed set so that producers cannot create meters at will.
 * The ledger entry's error has the precise text.
 */
public enum Rejection {
    /** The rewindId property is not a UUID. */
    BAD_ID,
    /** No JMSType. */
    NO_TYPE,
    /** JMSType, body or properties do not fit the ledger's limits. */
    TOO_LONG,
    /** Text the ledger cannot keep as it is: a NUL character or an unpaired surrogate. */
    UNSTORABLE_TEXT,
    /** A property value JSON cannot hold (NaN, infinity). */
    UNSTORABLE_PROPERTY,
    /** The body is empty or not a TextMessage. */
    UNREADABLE_BODY,
    /** No handler for the JMSType. */
    NO_HANDLER,
    /** The handler's payload type cannot be read from the body. */
    UNREADABLE_PAYLOAD,
    /** The database refused a value that passed every check above. */
    DATABASE_REFUSED;

    /** The meter's tag value. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
