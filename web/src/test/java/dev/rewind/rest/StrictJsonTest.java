package dev.rewind.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.BulkKind;
import dev.rewind.api.Status;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {

    private static <T extends Record> T bind(String json, Class<T> type) {
        return StrictJson.bind(json.getBytes(StandardCharsets.UTF_8), type);
    }

    /** The refusal's message, checked for what must never reach a client. */
    private static String refusal(byte[] body, Class<? extends Record> type) {
        String message = assertThrows(StrictJson.BindingException.class, () -> StrictJson.bind(body, type))
                .getMessage();
        for (String leak : new String[] {"Exception", "jakarta.", "org.", "parsson", "Parsson"}) {
            assertFalse(message.contains(leak), message);
        }
        return message;
    }

    private static String refusal(String json, Class<? extends Record> type) {
        return refusal(json.getBytes(StandardCharsets.UTF_8), type);
    }

    // What binds

    @Test
    void bindsEveryKindOfField() {
        Requests.Job job = bind("""
                {"kind": "REVOKE", "reason": "sent twice", "force": true, "target": "q.other",
                 "ratePerSecond": 100, "chunkSize": 50, "dryRun": false,
                 "filter": {"status": "FAILED", "type": "t", "destination": "d", "errorText": "boom",
                            "errorClass": "a.b.Refused$Inner", "createdFrom": "2026-11-27T10:00:00Z", "createdTo": "2026-11-28T10:00:00.5Z"}}
                """, Requests.Job.class);
        assertEquals(new Requests.Job(BulkKind.REVOKE,
                new Requests.Filter(Status.FAILED, "t", "d", Instant.parse("2026-11-27T10:00:00Z"),
                        Instant.parse("2026-11-28T10:00:00.5Z"), "boom", "a.b.Refused$Inner", null),
                "sent twice", true, "q.other", 100, 50, false), job);

        UUID id = UUID.randomUUID();
        Requests.Send send = bind("{\"id\":\"" + id + "\",\"type\":\"t\",\"body\":{\"a\":[1,2.50,\"x\",null,true]},"
                + "\"properties\":{\"k\":\"v\",\"\":\"\"},\"delayMs\":9223372036854775807,\"reason\":\"r\"}",
                Requests.Send.class);
        assertEquals(new Requests.Send(id, "t",
                Json.createObjectBuilder().add("a", Json.createArrayBuilder()
                        .add(1).add(new java.math.BigDecimal("2.50")).add("x").addNull().add(true)).build(),
                Map.of("k", "v", "", ""), Long.MAX_VALUE, "r"), send);
    }

    @Test
    void nullIsAbsentExceptForAJsonValue() {
        assertEquals(new Requests.Replay("r", null, null),
                bind("{\"reason\":\"r\",\"target\":null}", Requests.Replay.class));
        assertSame(JsonValue.NULL, bind("{\"body\":null}", Requests.Send.class).body());
        assertNull(bind("{}", Requests.Send.class).body());
    }

    @Test
    void aWholeNumberMayBeSpelledWithFractionZeroOrExponent() {
        assertEquals(1, bind("{\"kind\":\"REPLAY\",\"chunkSize\":1.0}", Requests.Job.class).chunkSize());
        assertEquals(100, bind("{\"kind\":\"REPLAY\",\"chunkSize\":1e2}", Requests.Job.class).chunkSize());
        assertEquals(0, bind("{\"kind\":\"REPLAY\",\"chunkSize\":-0}", Requests.Job.class).chunkSize());
        assertEquals(Integer.MIN_VALUE, bind("{\"ratePerSecond\":-2147483648}", Requests.Job.class).ratePerSecond());
        assertEquals(Long.MIN_VALUE, bind("{\"delayMs\":-9223372036854775808}", Requests.Send.class).delayMs());
    }

    @Test
    void unicodeSurvives() {
        assertEquals("é€😀\n\"", bind("{\"reason\":\"é€😀\\n\\\"\"}", Requests.Reason.class).reason());
        assertEquals("😀", bind("{\"reason\":\"\\ud83d\\ude00\"}", Requests.Reason.class).reason());
    }

    @Test
    void whitespaceAroundTheObjectIsFine() {
        assertEquals("r", bind(" \r\n\t{\"reason\":\"r\"} \n", Requests.Reason.class).reason());
    }

    // The findings of the probe against JSON-B

    @Test
    void aStringIsNotABoolean() {
        assertEquals("dryRun must be true or false, found \"yes\"",
                refusal("{\"kind\":\"REPLAY\",\"filter\":{},\"reason\":\"r\",\"dryRun\":\"yes\"}", Requests.Job.class));
    }

    @Test
    void aNumberIsNotABoolean() {
        assertEquals("hold must be true or false, found 1",
                refusal("{\"hold\":1,\"reason\":\"r\"}", Requests.Hold.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967297", "-4294967295", "2147483648", "-2147483649", "1e10", "\"5\"", "true"})
    void anIntegerOutOfRangeOrOfAnotherTypeIsRefused(String number) {
        assertEquals("ratePerSecond must be a whole number from -2147483648 to 2147483647, found "
                + number, refusal("{\"ratePerSecond\":" + number + "}", Requests.Job.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.5", "1e-1", "0.000001", "-1.5"})
    void aFractionIsRefused(String number) {
        assertEquals("chunkSize must be a whole number from -2147483648 to 2147483647, found " + number,
                refusal("{\"chunkSize\":" + number + "}", Requests.Job.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "18446744073709551617", "0.5"})
    void aLongOutOfRangeIsRefused(String number) {
        assertEquals("delayMs must be a whole number from -9223372036854775808 to 9223372036854775807, found "
                + number, refusal("{\"delayMs\":" + number + "}", Requests.Send.class));
    }

    @Test
    void numbersBeyondWhatTheParserTakesAreOutOfRangeToo() {
        String huge = "9".repeat(5000);
        assertEquals("chunkSize must be a whole number from -2147483648 to 2147483647, found " + "9".repeat(57) + "...",
                refusal("{\"chunkSize\":" + huge + "}", Requests.Job.class));
        assertTrue(refusal("{\"chunkSize\":1e99999999999}", Requests.Job.class)
                .startsWith("chunkSize must be a whole number"));
        assertTrue(refusal("{\"chunkSize\":1e-99999999999}", Requests.Job.class)
                .startsWith("chunkSize must be a whole number"));
        assertTrue(refusal("{\"body\":[0," + huge + "]}", Requests.Send.class).startsWith("body[1] must be a number"));
    }

    @Test
    void aDuplicateKeyIsRefusedAtAnyDepth() {
        assertEquals("duplicate key 'reason'", refusal("{\"reason\":\"a\",\"reason\":\"b\"}", Requests.Reason.class));
        assertEquals("duplicate key 'filter.type'",
                refusal("{\"filter\":{\"type\":\"a\",\"type\":\"a\"}}", Requests.Job.class));
        assertEquals("duplicate key 'properties.k'",
                refusal("{\"properties\":{\"k\":\"a\",\"k\":\"b\"}}", Requests.Send.class));
        assertEquals("duplicate key 'body.a[1].b'",
                refusal("{\"body\":{\"a\":[{},{\"b\":1,\"b\":1}]}}", Requests.Send.class));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        assertEquals("the body is not valid UTF-8", refusal(body, Requests.Reason.class));
        // overlong "/", an encoded surrogate, a byte that never occurs, a sequence cut short
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82}}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("{\"reason\":\"".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bad);
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals("the body is not valid UTF-8", refusal(out.toByteArray(), Requests.Reason.class));
        }
    }

    // The rest of the rules

    @Test
    void anUnknownFieldIsRefusedWithTheFieldsThatExist() {
        assertEquals("unknown field 'forse'; this request takes: reason, target, force",
                refusal("{\"reason\":\"r\",\"forse\":true}", Requests.Replay.class));
        assertEquals("unknown field 'filter.state'; filter takes: status, type, destination, createdFrom, createdTo,"
                + " errorText, errorClass, wouldSucceedIn", refusal("{\"filter\":{\"state\":\"FAILED\"}}", Requests.Job.class));
    }

    @Test
    void anEmptyBodyIsRefused() {
        assertEquals("the request needs a JSON body", refusal("", Requests.Reason.class));
        assertEquals("the request needs a JSON body", refusal(" \n", Requests.Reason.class));
    }

    @Test
    void aByteOrderMarkIsRefused() {
        assertEquals("the body starts with a byte order mark; send UTF-8 without one",
                refusal("\uFEFF{\"reason\":\"r\"}", Requests.Reason.class));
    }

    @Test
    void theBodyMustBeAnObject() {
        assertEquals("the body must be a JSON object, found an array", refusal("[]", Requests.Reason.class));
        assertEquals("the body must be a JSON object, found \"r\"", refusal("\"r\"", Requests.Reason.class));
        assertEquals("the body must be a JSON object, found null", refusal("null", Requests.Reason.class));
    }

    @Test
    void malformedJsonIsReportedWithItsPlace() {
        assertEquals("the body is not well-formed JSON (at line 2, column 10)",
                refusal("{\n\"reason\":}", Requests.Reason.class));
        assertTrue(refusal("{'reason':'r'}", Requests.Reason.class).startsWith("the body is not well-formed JSON"));
        assertTrue(refusal("{\"reason\":\"r\",}", Requests.Reason.class)
                .startsWith("the body is not well-formed JSON"));
        assertTrue(refusal("{\"reason\":\"a\tb\"}", Requests.Reason.class)
                .startsWith("the body is not well-formed JSON"));
    }

    @Test
    void aCutBodyIsIncomplete() {
        // Parsson's own location for these is past the end; we do not repeat it.
        for (String cut : new String[] {"{", "{\"reason\"", "{\"reason\":\"r", "{\"reason\":\"r\"", "{\"reason\":tr",
                "{\"body\":[1e", "\"r", "nul"}) {
            assertEquals("the body ends before its JSON is complete", refusal(cut, Requests.Send.class));
        }
    }

    @Test
    void nothingMayFollowTheObject() {
        for (String trailing : new String[] {"{}", "x", "]", "\"r\"", "{"}) {
            assertEquals("the body has more content after its JSON object",
                    refusal("{\"reason\":\"r\"} " + trailing, Requests.Reason.class));
        }
    }

    @Test
    void nestingIsLimited() {
        String deepest = "[".repeat(31) + "]".repeat(31);
        // the body object is level 1, so a JsonValue body may nest 31 levels
        bind("{\"body\":" + deepest + "}", Requests.Send.class);
        assertEquals("the body nests deeper than 32 levels",
                refusal("{\"body\":[" + deepest + "]}", Requests.Send.class));
        assertEquals("the body nests deeper than 32 levels",
                refusal("{\"body\":" + "{\"a\":".repeat(100_000) + "}", Requests.Send.class));
    }

    @Test
    void enumsTakeTheirExactNames() {
        assertEquals("kind must be one of [REPLAY, REVOKE, REHEARSE], found \"replay\"",
                refusal("{\"kind\":\"replay\"}", Requests.Job.class));
        assertEquals("filter.status must be one of [PENDING, PROCESSED, FAILED, REPLAYING, REVOKING, REVOKED,"
                + " REVOKE_FAILED, SUPERSEDED], found 2", refusal("{\"filter\":{\"status\":2}}", Requests.Job.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"2026-11-27\"", "\"yesterday\"", "\"2026-11-27T10:00:00\"", "1764237600"})
    void instantsAreIso8601(String value) {
        assertEquals("filter.createdFrom must be an ISO-8601 instant like 2026-11-27T10:00:00Z, found " + value,
                refusal("{\"filter\":{\"createdFrom\":" + value + "}}", Requests.Job.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\"", "\"+0000000-0000-0000-0000-000000000000\"", "\"0-0-0-0-0\"",
            "\"{00000000-0000-0000-0000-000000000000}\"", "\"00000000000000000000000000000000\"", "7"})
    void uuidsHaveTheirCanonicalForm(String value) {
        assertEquals("id must be a UUID like 123e4567-e89b-12d3-a456-426614174000, found " + value,
                refusal("{\"id\":" + value + "}", Requests.Send.class));
    }

    @Test
    void propertiesAreStrings() {
        assertEquals("properties.n must be a string, found 1",
                refusal("{\"properties\":{\"n\":1}}", Requests.Send.class));
        assertEquals("properties.n must be a string, found null",
                refusal("{\"properties\":{\"n\":null}}", Requests.Send.class));
        assertEquals("properties must be an object of strings, found an array",
                refusal("{\"properties\":[]}", Requests.Send.class));
    }

    @Test
    void aNestedRecordMustBeAnObject() {
        assertEquals("filter must be an object, found \"FAILED\"",
                refusal("{\"filter\":\"FAILED\"}", Requests.Job.class));
    }

    @Test
    void aStringIsOnlyAString() {
        assertEquals("reason must be a string, found 5", refusal("{\"reason\":5}", Requests.Reason.class));
        assertEquals("reason must be a string, found an object", refusal("{\"reason\":{}}", Requests.Reason.class));
    }

    @Test
    void lonelySurrogatesAreRefused() {
        assertEquals("reason has an unpaired surrogate escape (\\uD800-\\uDFFF)",
                refusal("{\"reason\":\"a\\ud800\"}", Requests.Reason.class));
        assertEquals("a key in body has an unpaired surrogate escape (\\uD800-\\uDFFF)",
                refusal("{\"body\":{\"\\udc00\":1}}", Requests.Send.class));
    }

    @Test
    void clientTextInMessagesIsClippedAndPrintable() {
        String message = refusal("{\"hold\":\"a\\u0000b\\u001b[31m\\u202e" + "x".repeat(100) + "\"}",
                Requests.Hold.class);
        assertEquals("hold must be true or false, found \"a?b?[31m?" + "x".repeat(47) + "...", message);
        assertEquals(60, message.substring(message.indexOf("found ") + 6).length());
        String key = "k\n".repeat(40);
        assertEquals("unknown field '" + "k?".repeat(28) + "k...'; this request takes: reason",
                refusal("{\"" + key.replace("\n", "\\n") + "\":1}", Requests.Reason.class));
    }

    // The reader around it

    @Test
    void theReaderTakesTheRequestRecordsOnly() {
        StrictJsonReader reader = new StrictJsonReader();
        MediaType json = MediaType.APPLICATION_JSON_TYPE;
        assertTrue(reader.isReadable(Requests.Job.class, Requests.Job.class, null, json));
        assertTrue(reader.isReadable(Requests.Filter.class, Requests.Filter.class, null, json));
        assertFalse(reader.isReadable(Problem.class, Problem.class, null, json));
        assertFalse(reader.isReadable(Requests.class, Requests.class, null, json));
        assertFalse(reader.isReadable(String.class, String.class, null, json));
    }

    @Test
    void aBodyTooLargeStaysTooLarge() {
        RequestSizeLimit.TooLargeException tooLarge = new RequestSizeLimit.TooLargeException("too large");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw tooLarge;
            }
        };
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Record> type = (Class) Requests.Reason.class;
        IOException thrown = assertThrows(IOException.class, () -> new StrictJsonReader()
                .readFrom(type, type, null, MediaType.APPLICATION_JSON_TYPE, null, failing));
        assertSame(tooLarge, thrown);
    }
}
