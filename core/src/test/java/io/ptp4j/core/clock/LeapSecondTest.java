package io.ptp4j.core.clock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** linuxptp util.c's leap second rules (is_utc_ambiguous, leap_second_status), case by case. */
class LeapSecondTest {
    static final long S = LeapSecond.NS_PER_SEC, H = LeapSecond.NS_PER_HOUR, DAY = LeapSecond.NS_PER_DAY;
    static final long JUNE30 = 1_435_622_400L * S; // 2015-06-30 00:00:00 UTC (a leap second day)

    @Test
    void onlyTheLastSecondOfTheDayIsAmbiguous() {
        assertTrue(LeapSecond.isUtcAmbiguous(JUNE30 + DAY - S / 2));
        assertTrue(LeapSecond.isUtcAmbiguous(JUNE30 + DAY - S));
        assertFalse(LeapSecond.isUtcAmbiguous(JUNE30 + DAY - S - 1));
        assertFalse(LeapSecond.isUtcAmbiguous(JUNE30 + DAY));
        assertFalse(LeapSecond.isUtcAmbiguous(JUNE30 + 12 * H));
    }

    @Test
    void armedInTheEveningFromTheGrandmastersFlag() {
        int[] gm = {1, 35};
        assertEquals(1, LeapSecond.status(JUNE30 + 23 * H, 0, gm));
        assertArrayEquals(new int[] {1, 35}, gm);
        int[] none = {0, 35};
        assertEquals(0, LeapSecond.status(JUNE30 + 23 * H, 0, none));
        assertArrayEquals(new int[] {0, 35}, none);
    }

    @Test
    void disarmedAfterMidnightAndALateFlagCorrected() {
        int[] gm = {1, 35}; // the grandmaster still flags the leap and has not updated its offset
        assertEquals(0, LeapSecond.status(JUNE30 + DAY + H, 1, gm));
        assertArrayEquals(new int[] {0, 36}, gm);
    }

    @Test
    void anEarlyClearKeepsTheLeapArmedAndTheOldOffset() {
        int[] gm = {0, 36}; // cleared its flag and bumped its offset before midnight
        assertEquals(1, LeapSecond.status(JUNE30 + 20 * H, 1, gm));
        assertArrayEquals(new int[] {1, 35}, gm);
    }

    @Test
    void deletionWorksTheSameWay() {
        int[] gm = {-1, 37};
        assertEquals(-1, LeapSecond.status(JUNE30 + 18 * H, 0, gm));
        assertArrayEquals(new int[] {-1, 37}, gm);
        assertEquals(0, LeapSecond.status(JUNE30 + DAY + 2 * H, -1, gm));
        assertArrayEquals(new int[] {0, 36}, gm);
    }
}
