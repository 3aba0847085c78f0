package dev.rewind.approval;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TypePatternsTest {

    @Test
    void emptyMatchesNothing() {
        for (String text : new String[] {null, "", " ", ",", " , "}) {
            TypePatterns none = TypePatterns.parse(text);
            assertTrue(none.isEmpty(), "'" + text + "'");
            assertFalse(none.matches("transfer.requested"));
            assertFalse(none.matches(""));
        }
    }

    @Test
    void aTypeMatchesItselfOnlyAndDotsAreNotWildcards() {
        TypePatterns one = TypePatterns.parse("fee.charged");
        assertTrue(one.matches("fee.charged"));
        assertFalse(one.matches("feeXcharged"), "a dot is a dot");
        assertFalse(one.matches("fee.charged.extra"));
        assertFalse(one.matches("x.fee.charged"));
        assertFalse(one.matches(null));
    }

    @Test
    void aStarIsAnyRunOfCharactersAndAListIsAnyOfIt() {
        TypePatterns patterns = TypePatterns.parse(" payment.* , *.refund,notification.requested ");
        assertTrue(patterns.matches("payment.sent"));
        assertTrue(patterns.matches("payment."));
        assertTrue(patterns.matches("order.refund"));
        assertTrue(patterns.matches("notification.requested"));
        assertFalse(patterns.matches("payments.sent"));
        assertFalse(patterns.matches("order.refunded"));
        assertTrue(TypePatterns.parse("*").matches("anything.at.all"));
        assertTrue(TypePatterns.parse("a*b*c").matches("aXXbYYc"));
        assertFalse(TypePatterns.parse("a*b*c").matches("aXXcYYb"));
    }

    @Test
    void regexCharactersInATypeAreLiteral() {
        TypePatterns patterns = TypePatterns.parse("a+b,(x)|y,[z]");
        assertTrue(patterns.matches("a+b"));
        assertFalse(patterns.matches("aab"));
        assertTrue(patterns.matches("(x)|y"));
        assertFalse(patterns.matches("x"));
        assertTrue(patterns.matches("[z]"));
        assertFalse(patterns.matches("z"));
    }
}
