package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * Which entries a list or a bulk job covers. Every field is optional; set fields must all match.
 *
 * @param status       exact status
 * @param type         exact JMSType
 * @param destination  exact queue name
 * @param createdFrom  created at or after (inclusive)
 * @param createdTo    created before (exclusive)
 * @param errorText    case-insensitive substring of the last error
 * @param errorClass   exact exception class of the last error ({@code rejected} for unusable messages): what a
 *                     {@link FailureGroup} names, so a group's entries can be listed or replayed exactly
 * @param wouldSucceedIn the id of a {@link BulkKind#REHEARSE} job: only the entries it found would succeed
 */
public record EntryFilter(Status status, String type, String destination, Instant createdFrom, Instant createdTo,
                          String errorText, String errorClass, Long wouldSucceedIn) implements Serializable {

    /** The longest text a filter field may hold. */
    public static final int MAX_TEXT = 200;

    /** The earliest and latest instants a filter or cursor may name: what every supported database can store. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    public static final EntryFilter ALL = new EntryFilter(null, null, null, null, null, null, null, null);

    /** A filter without an error class (the constructor of the API's first versions). */
    public EntryFilter(Status status, String type, String destination, Instant createdFrom, Instant createdTo,
                       String errorText) {
        this(status, type, destination, createdFrom, createdTo, errorText, null, null);
    }

    /** Refuses filters that cannot mean what the caller wants. */
    public EntryFilter validated() {
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw new InvalidRequestException("the time range is empty or reversed: createdFrom " + createdFrom
                    + " is not before createdTo " + createdTo);
        }
        checkRange("createdFrom", createdFrom);
        checkRange("createdTo", createdTo);
        checkLength("type", type);
        checkLength("destination", destination);
        checkLength("errorText", errorText);
        checkLength("errorClass", errorClass);
        return this;
    }

    /** The same filter limited to entries created before {@code instant}: what a bulk job sees. */
    public EntryFilter createdBefore(Instant instant) {
        Instant to = createdTo == null || instant.isBefore(createdTo) ? instant : createdTo;
        return new EntryFilter(status, type, destination, createdFrom, to, errorText, errorClass, wouldSucceedIn);
    }

    /** Whether the instant lies in the years 1 to 9999. */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    private static void checkRange(String name, Instant value) {
        if (value != null && !inRange(value)) {
            throw new InvalidRequestException(name + " must lie between " + EARLIEST + " and " + LATEST);
        }
    }

    private static void checkLength(String name, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidRequestException(name + " is longer than " + MAX_TEXT + " characters");
        }
    }
}
