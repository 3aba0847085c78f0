package dev.rewind.rest;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.RewindOperations;
import dev.rewind.api.Status;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The JSON bodies the API accepts, read by {@link StrictJsonReader}: unknown or duplicate fields,
 * values of the wrong JSON type and numbers out of range are refused before these constraints run.
 */
public final class Requests {

    static final String NAME = "[A-Za-z0-9._-]{1,200}";
    static final String CLASS_NAME = "[A-Za-z0-9._$-]{1,200}";

    private Requests() {
    }

    /**
     * The JSON text of a payload given in a request ({@code "body": {...}}; a JSON string is taken as the
     * text itself), or null when it was left out. An explicit JSON null is refused.
     */
    static String payload(JsonValue body) {
        if (body == null) {
            return null;
        }
        if (body == JsonValue.NULL) {
            throw Problem.badRequest("body must be a JSON payload, not null (leave it out to keep the recorded one)");
        }
        return body instanceof JsonString text ? text.getString() : body.toString();
    }

    /** {@code {"reason": "handler fixed", "target": "other.queue", "force": false}} */
    public record Replay(@NotBlank @Size(max = RewindOperations.MAX_REASON) String reason,
                         @Pattern(regexp = NAME, message = "must be a queue name") String target,
                         Boolean force) {
    }

    /** {@code {"reason": "sent twice"}}: for revoke and for cancelling a job. */
    public record Reason(@NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }

    /** {@code {"reason": "sent twice", "cascade": true, "dryRun": false}} */
    public record Revoke(@NotBlank @Size(max = RewindOperations.MAX_REASON) String reason, Boolean cascade,
                         Boolean dryRun) {
    }

    /** {@code {"reason": "checked with the desk"}}: an approver's decision. */
    public record Decision(@NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }

    /** {@code {"hold": true, "reason": "legal hold"}} */
    public record Hold(@NotNull Boolean hold, @NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }

    /** Which entries: every field optional. */
    public record Filter(Status status,
                         @Pattern(regexp = NAME, message = "must be a message type") String type,
                         @Pattern(regexp = NAME, message = "must be a queue name") String destination,
                         Instant createdFrom, Instant createdTo,
                         @Size(max = EntryFilter.MAX_TEXT) String errorText,
                         @Pattern(regexp = CLASS_NAME, message = "must be a class name") String errorClass,
                         @Positive Long wouldSucceedIn) {

        EntryFilter toFilter() {
            return new EntryFilter(status, type, destination, createdFrom, createdTo, errorText, errorClass,
                    wouldSucceedIn);
        }
    }

    /** A bulk job. */
    public record Job(@NotNull BulkKind kind, @NotNull @Valid Filter filter,
                      @NotBlank @Size(max = RewindOperations.MAX_REASON) String reason,
                      Boolean force,
                      @Pattern(regexp = NAME, message = "must be a queue name") String target,
                      @PositiveOrZero @Max(BulkRequest.MAX_RATE) Integer ratePerSecond,
                      @PositiveOrZero @Max(BulkRequest.MAX_CHUNK) Integer chunkSize,
                      Boolean dryRun) {
    }

    /**
     * An edit: the corrected payload (JSON itself, as for a send) and/or the corrected properties, which
     * replace the original's; an absent one is kept.
     */
    public record Edit(JsonValue body,
                       Map<@Pattern(regexp = "[A-Za-z_$][A-Za-z0-9_$]{0,99}") String, @Size(max = 1000) String> properties,
                       @NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }

    /** A rehearsal: of the recorded body, or of a proposed one ({@code body}, the JSON payload itself). */
    public record Rehearse(JsonValue body, @NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }

    /** A message to send through Rewind; {@code body} is the JSON payload itself. */
    public record Send(UUID id,
                       @NotNull @Pattern(regexp = NAME, message = "must be a message type") String type,
                       @NotNull JsonValue body,
                       Map<@Pattern(regexp = "[A-Za-z_$][A-Za-z0-9_$]{0,99}") String, @Size(max = 1000) String> properties,
                       @PositiveOrZero Long delayMs,
                       @NotBlank @Size(max = RewindOperations.MAX_REASON) String reason) {
    }
}
