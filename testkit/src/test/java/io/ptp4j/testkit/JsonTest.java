package io.ptp4j.testkit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void valuesOfEveryKind() {
        Object v = Json.parse(" {\"a\":[1,-2.5e3,true,false,null],\"s\":\"x\\\"\\n\\u00e9/\",\"o\":{}} ");
        assertEquals(Map.of("a", java.util.Arrays.asList(1.0, -2500.0, true, false, null), "s", "x\"\né/", "o", Map.of()), v);
        assertEquals(List.of(), Json.parse("[]"));
    }

    @Test
    void strictAboutWhatRfc8259Forbids() {
        for (String bad : List.of("{\"a\":1,}", "[1 2]", "{\"a\":01}", "{\"a\":1.}", "\"tab\there\"", "{a:1}", "[1] x", "\"\\q\"", "[", "+1")) {
            assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void repeatedKeysAreAnErrorExceptInTsharksJson() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"k\":1,\"k\":2}"));
        assertTrue(e.getMessage().contains("repeated key \"k\""), e.getMessage());
        assertEquals(Map.of("k", 1.0, "k#2", 2.0, "k#3", 3.0), Json.parseTshark("{\"k\":1,\"k\":2,\"k\":3}"));
    }
}
