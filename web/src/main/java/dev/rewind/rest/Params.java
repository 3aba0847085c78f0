package dev.rewind.rest;

import dev.rewind.api.ApprovalState;
import dev.rewind.api.JobState;
import dev.rewind.api.Status;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses path and query parameters, answering 400 with what was expected: JAX-RS would answer a
 * badly typed query parameter with a bare 404.
 */
final class Params {

    /** Message types and queue names: letters, digits, dot, dash, underscore. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** An exception's class name (inner classes have a '$'), or {@code rejected}. */
    static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9._$-]{1,200}");

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

    static long jobId(String text) {
        return positive(text, "a job id; job ids are positive numbers");
    }

    static long approvalId(String text) {
        return positive(text, "an approval id; approval ids are positive numbers");
    }

    private static long positive(String text, String mustBe) {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.badRequest("'" + clip(text) + "' is not " + mustBe);
    }

    static ApprovalState approvalState(String text) {
        if (text == null || text.isEmpty()) {
            return ApprovalState.AWAITING_APPROVAL;
        }
        if (text.equals("ALL")) {
            return null;
        }
        try {
            return ApprovalState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("unknown approval state '" + clip(text) + "'; use ALL or one of "
                    + Arrays.toString(ApprovalState.values()));
        }
    }

    /** An optional job id in a query: null when absent. */
    static Long jobId(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.badRequest(parameter + " '" + clip(text) + "' is not a job id; job ids are positive numbers");
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

    static JobState jobState(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return JobState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest("unknown job state '" + clip(text) + "'; use one of "
                    + Arrays.toString(JobState.values()));
        }
    }

    static String className(String parameter, String text) {
        return matching(parameter, text, CLASS_NAME, "a class name: use up to 200 letters, digits, '.', '$', '-' or '_'");
    }

    static String name(String parameter, String text) {
        return matching(parameter, text, NAME, "a name: use up to 200 letters, digits, '.', '-' or '_'");
    }

    /** The text if it matches, null if empty, a 400 saying what it must be otherwise. */
    private static String matching(String parameter, String text, Pattern pattern, String mustBe) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!pattern.matcher(text).matches()) {
            throw Problem.badRequest(parameter + " '" + clip(text) + "' is not " + mustBe);
        }
        return text;
    }

    static Instant instant(String parameter, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problem.badRequest(parameter + " '" + clip(text) + "' is not an ISO-8601 instant like 2026-11-27T10:00:00Z");
        }
    }

    static int limit(String text, int fallback, int max) {
        if (text == null || text.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.badRequest("limit must be a whole number from 1 to " + max + ", not '" + clip(text) + "'");
    }

    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 60 ? printable : printable.substring(0, 57) + "...";
    }
}
