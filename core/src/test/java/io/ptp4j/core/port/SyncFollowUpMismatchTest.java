package io.ptp4j.core.port;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** PORT_SERVICE_STATS_NP's sync_mismatch and followup_mismatch, as linuxptp's syfu state machine counts them. */
class SyncFollowUpMismatchTest {
    @Test
    void anUnmatchedSyncOrFollowUpReplacedCountsAsAMismatch() {
        PortCounters c = new PortCounters();
        SyncFollowUp s = new SyncFollowUp(c, false);
        assertFalse(s.sync(1, 100, 0));
        assertTrue(s.followUp(1, 50, 0), "a pair");
        assertEquals(0, c.serviceStat(PortCounters.SYNC_MISMATCH));
        assertFalse(s.sync(2, 200, 0));
        assertFalse(s.sync(3, 300, 0), "Follow_Up 2 lost: Sync 3 replaces Sync 2");
        assertEquals(1, c.serviceStat(PortCounters.SYNC_MISMATCH));
        assertFalse(s.followUp(9, 50, 0), "a Follow_Up of another Sync replaces Sync 3");
        assertEquals(1, c.serviceStat(PortCounters.FOLLOWUP_MISMATCH));
        assertFalse(s.followUp(10, 60, 0));
        assertEquals(2, c.serviceStat(PortCounters.FOLLOWUP_MISMATCH));
        assertTrue(s.sync(10, 1000, 0), "Follow_Up first, then its Sync: a pair, no mismatch");
        assertEquals(1, c.serviceStat(PortCounters.SYNC_MISMATCH));
        assertEquals(2, c.serviceStat(PortCounters.FOLLOWUP_MISMATCH));
    }
}
