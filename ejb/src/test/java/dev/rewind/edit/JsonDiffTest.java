package dev.rewind.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rewind.api.FieldChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDiffTest {

    @Test
    void fieldsAreComparedOneByOneAtAnyDepth() {
        List<FieldChange> changes = JsonDiff.changes(
                "{\"from\":\"a\",\"amount\":\"ten\",\"items\":[{\"sku\":\"x\"},{\"sku\":\"y\"}],\"note\":\"gone\"}",
                "{\"from\":\"a\",\"amount\":10,\"items\":[{\"sku\":\"x\"},{\"sku\":\"z\"},{\"sku\":\"w\"}],\"odd key\":true}",
                Map.of(), Map.of());
        assertEquals(List.of(
                new FieldChange("body.amount", "\"ten\"", "10"),
                new FieldChange("body.items[1].sku", "\"y\"", "\"z\""),
                new FieldChange("body.items[2]", null, "{\"sku\":\"w\"}"),
                new FieldChange("body.note", "\"gone\"", null),
                new FieldChange("body[\"odd key\"]", null, "true")), changes);
    }

    @Test
    void propertiesAreComparedByNameWithTheirTypes() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("region", "eu");
        before.put("priority", 1L);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("region", "eu");
        after.put("priority", 2L);
        after.put("ticket", "OPS-1");
        assertEquals(List.of(new FieldChange("properties.priority", "1", "2"),
                new FieldChange("properties.ticket", null, "\"OPS-1\"")), JsonDiff.changes("{}", "{}", before, after));
    }

    @Test
    void bodiesThatAreNotJsonAreComparedAsText() {
        assertEquals(List.of(new FieldChange("body", "not json", "{\"a\":1}")),
                JsonDiff.changes("not json", "{\"a\":1}", null, null));
        assertEquals(List.of(new FieldChange("body", null, "{}")), JsonDiff.changes(null, "{}", null, null));
        assertTrue(JsonDiff.changes("{\"a\":1}", "{\"a\":1}", Map.of(), Map.of()).isEmpty());
    }

    @Test
    void theListAndItsValuesStaySmall() {
        StringBuilder before = new StringBuilder("[");
        StringBuilder after = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            before.append(i == 0 ? "" : ",").append(i);
            after.append(i == 0 ? "" : ",").append(i + 1);
        }
        List<FieldChange> changes = JsonDiff.changes(before + "]", after + "]", null, null);
        assertEquals(JsonDiff.MAX_CHANGES, changes.size());
        String huge = "x".repeat(5000);
        FieldChange cut = JsonDiff.changes("{\"a\":\"" + huge + "\"}", "{\"a\":1}", null, null).get(0);
        assertEquals(JsonDiff.MAX_VALUE, cut.before().length());
        assertTrue(cut.before().endsWith("..."));
    }
}
