package dev.rewind.query;

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
            if (parts.length == 3 && parts[2].length() == 36) {
                return new Cursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                        UUID.fromString(parts[2]));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            // answered below
        }
        throw new InvalidRequestException("the cursor is not one this API returned");
    }
}
