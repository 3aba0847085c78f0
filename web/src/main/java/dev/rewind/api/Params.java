package dev.rewind.api;

import dev.rewind.ledger.Status;
import java.util.Arrays;
import java.util.UUID;

/** Parses request parameters, answering 400 with what was expected instead of a generic 404. */
final class Params {

    private Params() {
    }

    static UUID id(String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException ignored) {
            // answered below
        }
        throw Problem.badRequest("'" + clip(text) + "' is not a message id; ids are UUIDs like 3f1e2d4c-5b6a-4789-9abc-def012345678");
    }

    static Status status(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Status.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("unknown status '" + clip(text) + "'; use one of " + Arrays.toString(Status.values()));
        }
    }

    static int limit(int value, int max) {
        if (value < 1 || value > max) {
            throw Problem.badRequest("limit must be between 1 and " + max + ", not " + value);
        }
        return value;
    }

    private static String clip(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
