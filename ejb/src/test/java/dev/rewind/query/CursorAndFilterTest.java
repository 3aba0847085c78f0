package dev.rewind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rewind.api.EntryFilter;
import dev.rewind.api.InvalidRequestException;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorAndFilterTest {

    @Test
    void aCursorSurvivesTheRoundTrip() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-27T10:00:00.123456789Z"), UUID.randomUUID());
        assertEquals(cursor, Cursor.decode(cursor.encode()));
    }

    @Test
    void aForgedCursorIsAnInvalidRequest() {
        assertThrows(InvalidRequestException.class, () -> Cursor.decode("not base64 at all!"));
        assertThrows(InvalidRequestException.class, () -> Cursor.decode("MTIzLjQ1Ni5ub3QtYS11dWlk"));
        assertThrows(InvalidRequestException.class, () -> Cursor.decode(""));
    }

    @Test
    void aCursorWithHugeNumbersIsAnInvalidRequestNotAnOverflow() {
        String id = UUID.randomUUID().toString();
        for (String raw : new String[] {"9223372036854775807.999999999." + id, "99999999999999999999.0." + id,
                "-9223372036854775808.0." + id, "1.-1." + id, "1.1000000000." + id, "253402300800.0." + id}) {
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThrows(InvalidRequestException.class, () -> Cursor.decode(cursor), raw);
        }
    }

    @Test
    void instantsOutsideTheYears1To9999AreRefused() {
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThrows(InvalidRequestException.class,
                () -> new EntryFilter(null, null, null, far, null, null).validated());
        assertThrows(InvalidRequestException.class,
                () -> new EntryFilter(null, null, null, null, Instant.MIN, null).validated());
    }

    @Test
    void aReversedTimeRangeIsRefused() {
        Instant now = Instant.now();
        EntryFilter reversed = new EntryFilter(null, null, null, now, now.minusSeconds(1), null);
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, reversed::validated);
        assertEquals(true, refused.getMessage().contains("empty or reversed"));
    }

    @Test
    void aJobSeesOnlyWhatExistedWhenItStarted() {
        Instant start = Instant.parse("2026-11-27T10:00:00Z");
        assertEquals(start, EntryFilter.ALL.createdBefore(start).createdTo());
        Instant earlier = start.minusSeconds(60);
        assertEquals(earlier, new EntryFilter(null, null, null, null, earlier, null).createdBefore(start).createdTo());
    }
}
