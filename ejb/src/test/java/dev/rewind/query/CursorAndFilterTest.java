package dev.rewind.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
