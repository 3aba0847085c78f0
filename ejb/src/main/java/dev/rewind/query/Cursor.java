package dev.rewind.query;

import dev.rewind.api.EntryFilter;
import dev.rewind.api.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The position after the last entry of a page: its creation time and id, the same order as the
 * list. Opaque to clients (URL-safe Base64); new entries never shift a walk through the pages.
 */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length == 3 && parts[2].length() == 36 && parts[1].length() <= 9) {
                int nanos = Integer.parseInt(parts[1]);
                Instant at = nanos < 0 ? null : Instant.ofEpochSecond(Long.parseLong(parts[0]), nanos);
                if (at != null && EntryFilter.inRange(at)) {
                    return new Cursor(at, UUID.fromString(parts[2]));
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException malformed) {
            // answered below
        }
        throw new InvalidRequestException("the cursor is not one this API returned");
    }
}
