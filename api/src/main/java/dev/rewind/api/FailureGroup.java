package dev.rewind.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * FAILED entries of one type that failed the same way: what an operator looks at first.
 *
 * @param errorClass  the exception class of the last error, or {@code rejected} for unusable messages
 * @param count       how many entries
 * @param lastSeen    when an entry of this group last failed
 * @param sampleError the error of that failure
 */
public record FailureGroup(String type, String errorClass, long count, Instant lastSeen, String sampleError)
        implements Serializable {
}
