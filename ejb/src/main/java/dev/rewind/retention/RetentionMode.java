package dev.rewind.retention;

/** What retention removes from an old PROCESSED entry. */
public enum RetentionMode {
    /** The entry with its attempts and history. */
    DELETE,
    /** Only its body and properties; the entry, attempts and history stay for audit. */
    PAYLOAD
}
