package dev.rewind.api;

import java.io.Serializable;
import java.util.UUID;

/**
 * The result of a rehearsal: the handler ran on the message in a transaction that was rolled back.
 *
 * @param id         the entry rehearsed
 * @param outcome    whether the handler would have succeeded
 * @param errorClass the exception class when it would fail ({@code rejected} for a body the handler cannot read)
 * @param error      the error when it would fail
 * @param micros     how long the handler ran, in microseconds
 * @param editedBody whether a proposed body was rehearsed instead of the recorded one
 */
public record RehearsalResult(UUID id, RehearsalOutcome outcome, String errorClass, String error, long micros,
                              boolean editedBody) implements Serializable {
}
