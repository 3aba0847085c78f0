package dev.rewind.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.ledger.LedgerEntry;
import dev.rewind.ledger.StorableText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertiesJsonTest {

    @Test
    void ordinaryPropertiesAreKeptExactly() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("region", "eu");
        properties.put("priority", 7);
        properties.put("ratio", 0.5);
        properties.put("urgent", true);
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(properties);
        assertEquals("{\"region\":\"eu\",\"priority\":7,\"ratio\":0.5,\"urgent\":true}", recorded.json());
        assertTrue(recorded.problems().isEmpty());
    }

    @Test
    void nonFiniteNumbersAreNamedAndKeptAsText() {
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(Map.of("score", Double.NaN));
        assertEquals("{\"score\":\"NaN\"}", recorded.json());
        assertEquals(Rejection.UNSTORABLE_PROPERTY, recorded.problems().get(0).kind());
        assertTrue(recorded.problems().get(0).text().contains("property 'score' is NaN"));
        assertEquals(Rejection.UNSTORABLE_PROPERTY,
                PropertiesJson.recorded(Map.of("f", Float.NEGATIVE_INFINITY)).problems().get(0).kind());
    }

    @Test
    void propertiesTooLongForTheColumnAreCutWithTheOriginalLengthNoted() {
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(Map.of("note", "x".repeat(70_000)));
        assertTrue(recorded.json().length() <= LedgerEntry.MAX_PROPERTIES);
        assertEquals(Rejection.TOO_LONG, recorded.problems().get(0).kind());
        assertTrue(recorded.problems().get(0).text().contains("70011 characters"), recorded.problems().toString());
    }

    @Test
    void manyPropertiesThatDoNotFitEvenCutAreLeftOut() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("p" + i, "y".repeat(2000));
        }
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(many);
        assertEquals("{}", recorded.json());
        assertEquals(2, recorded.problems().size());
    }

    @Test
    void unstorableTextIsReplacedAndNamed() {
        PropertiesJson.Recorded recorded = PropertiesJson.recorded(Map.of("who", "a\0b"));
        assertTrue(recorded.json().contains("a\uFFFDb"));
        assertEquals(Rejection.UNSTORABLE_TEXT, recorded.problems().get(0).kind());
        assertEquals(null, StorableText.problem(recorded.json()));
    }
}
