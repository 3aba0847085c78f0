package dev.rewind.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void plainTextAndSurrogatePairsAreStorable() {
        assertNull(StorableText.problem("transfer.requested"));
        assertNull(StorableText.problem("emoji \uD83D\uDE00 ok"));
        assertEquals("emoji \uD83D\uDE00 ok", StorableText.fit("emoji \uD83D\uDE00 ok", 100));
    }

    @Test
    void nulAndUnpairedSurrogatesAreNamedAndReplaced() {
        assertEquals("contains a NUL character (U+0000) at position 1", StorableText.problem("a\0b"));
        assertTrue(StorableText.problem("x\uD800").contains("unpaired UTF-16 surrogate at position 1"));
        assertTrue(StorableText.problem("\uDC00x").contains("position 0"));
        assertEquals("a\uFFFDb\uFFFD", StorableText.fit("a\0b\uD800", 100));
    }

    @Test
    void cutTextFitsItsLimitWithAMarkerAndNeverSplitsAPair() {
        String cut = StorableText.fit("x".repeat(300), 200);
        assertEquals(200, cut.length());
        assertTrue(cut.endsWith("… [cut]"));
        String pairs = "\uD83D\uDE00".repeat(150);
        String fitted = StorableText.fit(pairs, 200);
        assertTrue(fitted.length() <= 200);
        assertNull(StorableText.problem(fitted), "a cut must not leave half a pair");
        assertEquals(3, StorableText.fit("abcdef", 3).length());
    }
}
