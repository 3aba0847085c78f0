package dev.rewind.rest.login;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/** Checks the shape of an {@code Authorization} header before the server's login reads it. */
final class BasicCredentials {

    private BasicCredentials() {
    }

    /**
     * Why a {@code Basic} header is malformed, or null when it is well-formed or not Basic at all
     * (other schemes are the login's business: it answers them with 401).
     */
    public static String problem(String header) {
        String trimmed = header.strip();
        int space = trimmed.indexOf(' ');
        String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!scheme.toLowerCase(Locale.ROOT).equals("basic")) {
            return null;
        }
        String token = space < 0 ? "" : trimmed.substring(space + 1).strip();
        if (token.isEmpty()) {
            return "the Authorization header says Basic but has no credentials";
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token);
        } catch (IllegalArgumentException notBase64) {
            return "the Basic credentials are not Base64";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded)).toString();
        } catch (CharacterCodingException notUtf8) {
            return "the Basic credentials are not UTF-8 text";
        }
        if (text.indexOf(':') < 0) {
            return "the Basic credentials have no ':' between user name and password";
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return "the Basic credentials contain a control character";
            }
        }
        return null;
    }
}
