package io.ptp4j.tools.json;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * RFC 8259 section 7 string escapes. Before there was one writer, pmc --json wrote \b and \f as
 * \\u0008 and \\u000c and left U+2028/2029 raw, and decode --json also wrote \t and \r as \\u0009
 * and \\u000d: all valid JSON, the same strings; GoldenOutputTest (decode JSON) and the pmc,
 * JSON log, doctor and sim tests show the outputs they check did not change.
 */
class JsonTest {
    static String quoted(String s) {
        return Json.string(new StringBuilder(), s).toString();
    }

    @Test
    void quoteBackslashAndEveryControlCharacterAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", quoted("a\"b\\c"));
        assertEquals("\"\\b\\f\\n\\r\\t\"", quoted("\b\f\n\r\t"));
        assertEquals("\"\\u0000\\u001f\\u000b\"", quoted("\u0000\u001f\u000b"));
        for (char c = 0; c < 0x20; c++) {
            String q = quoted(String.valueOf(c));
            assertTrue(q.startsWith("\"\\"), "U+" + Integer.toHexString(c) + " must be escaped: " + q);
        }
    }

    @Test
    void otherCharactersStandAsTheyAreButJavaScriptLineEnds() {
        assertEquals("\"/ é ✓ 𝄞 \u007f\"", quoted("/ é ✓ 𝄞 \u007f"));
        assertEquals("\"\\u2028\\u2029\"", quoted("\u2028\u2029"));
    }

    @Test
    void valuesAsPmcJsonWritesThem() {
        StringBuilder b = new StringBuilder();
        Json.member(b, "n", 5L).append(',');
        Json.member(b, "d", Double.NaN).append(',');
        Json.member(b, "x", 0.5).append(',');
        Json.member(b, "b", true).append(',');
        Json.member(b, "z", null);
        assertEquals("\"n\":5,\"d\":null,\"x\":0.5,\"b\":true,\"z\":null", b.toString());
    }
}
