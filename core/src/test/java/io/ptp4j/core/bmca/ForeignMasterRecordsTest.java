package io.ptp4j.core.bmca;

import static io.ptp4j.core.bmca.BmcaTest.gm;
import static io.ptp4j.core.bmca.DatasetComparison.IEEE_1588;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.bmca.ForeignMasterRecords.AddResult;
import org.junit.jupiter.api.Test;

/** The table policy when it is full (class comment of ForeignMasterRecords; issue 13's BMCA churn). */
class ForeignMasterRecordsTest {
    static final long S = 1_000_000_000L;

    /**
     * Issue 13's attack: a real master (priority1 100, one Announce every 2 s) and 27 spoofed
     * Announces a second from 9 worse identities (priority1 120) cycling through a table of 8.
     * Evicting the least recently heard record evicted the real master within seconds.
     */
    @Test
    void churnOfWorseIdentitiesNeverEvictsTheMaster() {
        ForeignMasterRecords f = new ForeignMasterRecords(8, 0x99, 1);
        long real = 0x10;
        for (long t = 0; t <= 4 * S; t += 2 * S) f.add(gm(real, 100), 1, t);
        assertEquals(real, f.computeBest(IEEE_1588, 4 * S).identity);
        long nextReal = 6 * S;
        int spoofed = 0;
        for (long t = 4 * S + S / 27; t < 64 * S; t += S / 27, spoofed++) {
            if (t >= nextReal) {
                assertNotEquals(AddResult.REFUSED, f.add(gm(real, 100), 1, nextReal));
                nextReal += 2 * S;
            }
            f.add(gm(0x100 + spoofed % 9, 120), 1, t);
            assertEquals(real, f.computeBest(IEEE_1588, t).identity, "at " + t / 1e9 + " s");
        }
        // 9 identities cycle through the 7 other slots: each is pushed out before its second
        // Announce, so none ever qualifies
        assertEquals(1, f.qualifiedCount(64 * S));
    }

    @Test
    void qualifiedSpoofersHoldTheirSlotsAndTheRestAreRefused() {
        ForeignMasterRecords f = new ForeignMasterRecords(8, 0x99, 1);
        for (long t = 0; t <= 4 * S; t += 2 * S) f.add(gm(0x10, 100), 1, t);
        f.computeBest(IEEE_1588, 4 * S);
        long t = 4 * S;
        for (int round = 0; round < 3; round++, t += S / 3) {
            for (int i = 0; i < 7; i++) f.add(gm(0x100 + i, 120), 1, t + i);
        }
        assertEquals(8, f.qualifiedCount(t));
        assertEquals(AddResult.REFUSED, f.add(gm(0x200, 120), 1, t));
        assertEquals(AddResult.REFUSED, f.add(gm(0x201, 120), 1, t + 1));
        assertEquals(2, f.refusedNewcomers());
        assertEquals(0x10, f.computeBest(IEEE_1588, t + 2).identity);
    }

    @Test
    void aFloodOfNewIdentitiesRecyclesOnlyUnqualifiedSlots() {
        ForeignMasterRecords f = new ForeignMasterRecords(8, 0x99, 1);
        for (long t = 0; t <= 2 * S; t += S) f.add(gm(0x10, 100), 0, t);
        for (long t = 0; t <= 2 * S; t += S) f.add(gm(0x11, 110), 0, t); // a qualified backup
        assertEquals(0x10, f.computeBest(IEEE_1588, 2 * S).identity);
        long t = 2 * S;
        for (int i = 0; i < 100_000; i++, t += 10_000) {
            assertEquals(AddResult.NEW_FOREIGN_MASTER, f.add(gm(0x1_0000 + i, 90), 0, t), "each is new once");
        }
        assertEquals(0x10, f.computeBest(IEEE_1588, t).identity, "heard once each, none qualifies");
        assertEquals(2, f.qualifiedCount(t), "master and backup kept their slots");
        assertEquals(0, f.refusedNewcomers());
    }

    @Test
    void aFullTableOfWorseClocksCannotLockABetterOneOut() {
        ForeignMasterRecords f = new ForeignMasterRecords(4, 0x99, 1);
        for (long t = 0; t <= 2 * S; t += S) {
            for (int i = 0; i < 4; i++) f.add(gm(0x20 + i, 120), 0, t);
        }
        assertEquals(0x20, f.computeBest(IEEE_1588, 2 * S).identity);
        assertEquals(4, f.qualifiedCount(2 * S));
        // a better newcomer takes the worst qualified slot (0x23), never Erbest's
        assertEquals(AddResult.NEW_FOREIGN_MASTER, f.add(gm(0x10, 100), 0, 2 * S + 1));
        f.add(gm(0x10, 100), 0, 2 * S + 2);
        assertEquals(AddResult.CHANGED, f.add(gm(0x10, 100), 0, 2 * S + 3));
        assertEquals(0x10, f.computeBest(IEEE_1588, 2 * S + 3).identity);
        // a worse one finds nothing it may take
        assertEquals(AddResult.REFUSED, f.add(gm(0x30, 130), 0, 2 * S + 4));
        assertEquals(1, f.refusedNewcomers());
        // nor may a newcomer better than all but Erbest's record take Erbest's slot
        f.computeBest(IEEE_1588, 2 * S + 5);
        assertEquals(AddResult.NEW_FOREIGN_MASTER, f.add(gm(0x05, 110), 0, 2 * S + 6));
        assertEquals(0x10, f.computeBest(IEEE_1588, 2 * S + 6).identity);
    }

    @Test
    void erbestKeepsItsSlotUntilTheNextComputation() {
        ForeignMasterRecords f = new ForeignMasterRecords(2, 0x99, 1);
        for (long t = 0; t <= 2 * S; t += S) f.add(gm(0x10, 100), 0, t);
        assertEquals(0x10, f.computeBest(IEEE_1588, 2 * S).identity);
        // silent for longer than its window: no longer qualified, yet still Erbest until recomputed
        long late = 10 * S;
        f.add(gm(0x20, 120), 0, late);
        f.add(gm(0x21, 120), 0, late + 1); // takes 0x20's unqualified slot, not Erbest's
        f.add(gm(0x22, 120), 0, late + 2);
        assertNull(f.computeBest(IEEE_1588, late + 3));
        assertEquals(AddResult.NEW_FOREIGN_MASTER, f.add(gm(0x23, 120), 0, late + 4), "once recomputed, the stale record may go");
    }
}
