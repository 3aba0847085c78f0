package dev.rewind.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rewind.api.BulkKind;
import dev.rewind.api.BulkRequest;
import dev.rewind.api.EntryFilter;
import dev.rewind.api.InvalidRequestException;
import org.junit.jupiter.api.Test;

class BulkRequestTest {

    @Test
    void defaultsAndLimits() {
        BulkRequest ok = new BulkRequest(BulkKind.REPLAY, EntryFilter.ALL, "fix", false, null, 0, 0, false);
        assertEquals(BulkRequest.DEFAULT_CHUNK, ok.validated().effectiveChunkSize());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(null, EntryFilter.ALL, "r", false, null, 0, 0, false).validated());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(BulkKind.REPLAY, null, "r", false, null, 0, 0, false).validated());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(BulkKind.REPLAY, EntryFilter.ALL, "r", false, null, -1, 0, false).validated());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(BulkKind.REPLAY, EntryFilter.ALL, "r", false, null, 0, 5000, false).validated());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(BulkKind.REVOKE, EntryFilter.ALL, "r", true, null, 0, 0, false).validated());
        assertThrows(InvalidRequestException.class,
                () -> new BulkRequest(BulkKind.REHEARSE, EntryFilter.ALL, "r", false, "q", 0, 0, false).validated());
    }
}
