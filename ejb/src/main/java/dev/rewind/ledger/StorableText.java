package dev.rewind.ledger;

/**
 * Text as the ledger's columns can hold it on every database Rewind supports. PostgreSQL refuses
 * a NUL character (SQL state 22021) and its driver turns an unpaired UTF-16 surrogate into '?',
 * so such text would either fail the whole transaction or be changed silently; H2 keeps both.
 * Checking here gives one answer on both databases, before anything is written.
 */
public final class StorableText {

    /** Put where a character cannot be kept. */
    public static final char REPLACEMENT = '\uFFFD';
    private static final String CUT_MARKER = "… [cut]";

    private StorableText() {
    }

    /** Why the text cannot be kept as it is ("contains a NUL character at 12"), or null if it can. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return "contains a NUL character (U+0000) at position " + i;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired UTF-16 surrogate at position " + i;
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired UTF-16 surrogate at position " + i;
            }
        }
        return null;
    }

    /**
     * The text with NUL characters and unpaired surrogates replaced by U+FFFD and, if longer than
     * {@code max} characters, cut (never inside a surrogate pair) with a visible marker.
     */
    public static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = problem(text) == null ? text : replaceUnstorable(text);
        if (clean.length() <= max) {
            return clean;
        }
        int end = Math.max(0, max - CUT_MARKER.length());
        if (end > 0 && Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + CUT_MARKER.substring(0, Math.min(CUT_MARKER.length(), max));
    }

    private static String replaceUnstorable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
