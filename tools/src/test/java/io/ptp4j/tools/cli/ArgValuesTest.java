package io.ptp4j.tools.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The values linuxptp 4.4 (glibc strtol/atoi) reads, checked against /work/peer44's phc_ctl -l. */
class ArgValuesTest {
    @Test
    void rangedIntReadsStrtolBaseZero() throws Exception {
        assertEquals(7, ArgValues.rangedInt('l', "0x7", 0, 7));
        assertEquals(7, ArgValues.rangedInt('l', "07", 0, 7));
        assertEquals(6, ArgValues.rangedInt('l', " +6", 0, 7));
        assertEquals("-l: 010 is out of range. Must be in the range 0 to 7",
                assertThrows(UsageException.class, () -> ArgValues.rangedInt('l', "010", 0, 7)).getMessage());
        assertEquals("-l: 7  is a malformed value",
                assertThrows(UsageException.class, () -> ArgValues.rangedInt('l', "7 ", 0, 7)).getMessage());
        assertEquals("-l: x is a malformed value",
                assertThrows(UsageException.class, () -> ArgValues.rangedInt('l', "x", 0, 7)).getMessage());
        assertEquals("-n: 99999999999999999999 is out of range. Must be in the range 0 to 255",
                assertThrows(UsageException.class, () -> ArgValues.rangedInt('n', "99999999999999999999", 0, 255)).getMessage());
    }

    @Test
    void atoiIsDecimalAndStopsAtTheFirstNonDigit() {
        assertEquals(12, ArgValues.atoi(" 12abc"));
        assertEquals(0, ArgValues.atoi("0x5"));
        assertEquals(-3, ArgValues.atoi("-3"));
        assertEquals(0, ArgValues.atoi("abc"));
        assertEquals((int) 99999999999L, ArgValues.atoi("99999999999"));
    }
}
