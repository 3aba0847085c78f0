package dev.rewind.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.Status;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated bodies for the strict binder, from a fixed seed ({@code -Drewind.fuzz.seed}, tries
 * {@code -Drewind.fuzz.tries}): valid Job bodies bind to exactly what they say; each mutation of
 * one (a wrong JSON type, a number out of range or with a fraction, a duplicate or unknown key,
 * invalid UTF-8, a cut, trailing content) is refused with our own words. A failure names the try
 * and the body, so it can be replayed.
 */
class StrictJsonGeneratedTest {

    private static final long SEED = Long.getLong("rewind.fuzz.seed", 42L);
    private static final int TRIES = Integer.getInteger("rewind.fuzz.tries", 1000);
    private static final String[] WRONG = {"\"yes\"", "1.5", "4294967297", "-4294967295", "9223372036854775808",
            "[]", "{}", "\"\"", "\"true\"", "1e400", "0.0001"};

    /** A valid job body with the values it holds. */
    private record Job(String json, BulkKind kind, Status status, Instant from, int rate, int chunk, boolean dryRun) {
    }

    private static Job job(Random random) {
        BulkKind kind = random.nextBoolean() ? BulkKind.REPLAY : BulkKind.REVOKE;
        Status status = Status.values()[random.nextInt(Status.values().length)];
        Instant from = Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000));
        int rate = random.nextInt(100_001);
        int chunk = random.nextInt(1001);
        boolean dryRun = random.nextBoolean();
        String rateText = random.nextBoolean() ? Integer.toString(rate) : rate + ".0";
        String json = "{\"kind\":\"" + kind + "\",\"filter\":{\"status\":\"" + status + "\",\"createdFrom\":\"" + from
                + "\"},\"reason\":\"r\\u00e9ason \\\"" + random.nextInt() + "\\\"\",\"ratePerSecond\":" + rateText
                + ",\"chunkSize\":" + chunk + ",\"dryRun\":" + dryRun + "}";
        return new Job(json, kind, status, from, rate, chunk, dryRun);
    }

    @Test
    void validBodiesBindToWhatTheySay() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            Job job = job(random);
            Requests.Job bound = StrictJson.bind(job.json().getBytes(UTF_8), Requests.Job.class);
            String where = "try " + i + " seed " + SEED + ": " + job.json();
            assertEquals(job.kind(), bound.kind(), where);
            assertEquals(job.status(), bound.filter().status(), where);
            assertEquals(job.from(), bound.filter().createdFrom(), where);
            assertEquals(job.rate(), bound.ratePerSecond(), where);
            assertEquals(job.chunk(), bound.chunkSize(), where);
            assertEquals(job.dryRun(), bound.dryRun(), where);
        }
    }

    @Test
    void everyMutationIsRefusedInOurWords() {
        Random random = new Random(SEED);
        String[] fields = {"kind", "ratePerSecond", "chunkSize", "dryRun", "reason"};
        for (int i = 0; i < TRIES; i++) {
            String json = job(random).json();
            byte[] body;
            switch (random.nextInt(6)) {
                case 0 -> {
                    String field = fields[random.nextInt(fields.length)];
                    String value = WRONG[random.nextInt(WRONG.length)];
                    if (field.equals("reason") && value.startsWith("\"") && value.length() > 2) {
                        value = "1"; // a non-empty string is a valid reason
                    }
                    body = json.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":"
                            + java.util.regex.Matcher.quoteReplacement(value)).getBytes(UTF_8);
                }
                case 1 -> body = (json.substring(0, json.length() - 1) + ",\"dryRun\":true}").getBytes(UTF_8);
                case 2 -> body = (json.substring(0, json.length() - 1) + ",\"forse\":true}").getBytes(UTF_8);
                case 3 -> body = json.substring(0, 1 + random.nextInt(json.length() - 1)).getBytes(UTF_8);
                case 4 -> body = (json + (random.nextBoolean() ? " {}" : "x")).getBytes(UTF_8);
                default -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    int at = json.indexOf("ason");
                    out.writeBytes(json.substring(0, at).getBytes(UTF_8));
                    byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                            {(byte) 0xC0, (byte) 0xAF}};
                    out.writeBytes(invalid[random.nextInt(invalid.length)]);
                    out.writeBytes(json.substring(at).getBytes(UTF_8));
                    body = out.toByteArray();
                }
            }
            byte[] refused = body;
            String where = "try " + i + " seed " + SEED + ": " + HexFormat.of().formatHex(refused) + " = "
                    + new String(refused, UTF_8);
            String message = assertThrows(StrictJson.BindingException.class,
                    () -> StrictJson.bind(refused, Requests.Job.class), where).getMessage();
            assertFalse(message.isBlank(), where);
            for (String leak : new String[] {"Exception", "jakarta.", "org.", "arsson", "\tat "}) {
                assertFalse(message.contains(leak), where + " -> " + message);
            }
            assertTrue(message.length() < 400, where + " -> " + message);
        }
    }
}
