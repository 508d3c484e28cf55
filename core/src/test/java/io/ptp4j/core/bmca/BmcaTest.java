package io.ptp4j.core.bmca;

import static io.ptp4j.core.bmca.DatasetComparison.*;
import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.dataset.DefaultDS;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.port.PortState;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BmcaTest {
    /** Grandmaster gm's D0 (built by DefaultDS), as heard from sender:senderPort by port 1 of clock 0x99. */
    static BmcDataset ds(long gm, int p1, int cls, int acc, int var, int p2, int steps, long sender, int senderPort) {
        ClockConfig cfg = new ClockConfig();
        cfg.clockIdentity = gm;
        DefaultDS grandmaster = new DefaultDS(cfg);
        grandmaster.priority1(p1);
        grandmaster.clockQuality(cls, acc, var);
        grandmaster.priority2(p2);
        BmcDataset d = grandmaster.describe(new BmcDataset());
        d.stepsRemoved = steps;
        d.senderClock = sender;
        d.senderPort = senderPort;
        d.receiverClock = 0x99;
        d.receiverPort = 1;
        return d;
    }

    static BmcDataset gm(long id, int p1) {
        return ds(id, p1, 248, 0xFE, 0xFFFF, 128, 0, id, 1);
    }

    /** gm(0x30, 128), which loses to base on identity alone, wins once change improves one attribute. */
    private static void assertBetterWith(BmcDataset base, Consumer<BmcDataset> change, String message) {
        BmcDataset d = gm(0x30, 128);
        change.accept(d);
        assertEquals(A_BETTER, IEEE_1588.compare(d, base), message);
    }

    @Test
    void attributeChainInOrder() {
        BmcDataset base = gm(0x20, 128);
        assertEquals(A_BETTER, IEEE_1588.compare(gm(0x30, 127), base), "priority1 first");
        assertBetterWith(base, d -> d.clockClass = 6, "then clockClass");
        assertBetterWith(base, d -> d.clockAccuracy = 0x21, "then clockAccuracy");
        assertBetterWith(base, d -> d.offsetScaledLogVariance = 0x4E5D, "then variance");
        assertBetterWith(base, d -> d.priority2 = 1, "then priority2");
        assertEquals(B_BETTER, IEEE_1588.compare(gm(0x30, 128), base), "identity breaks the tie: lower wins");
        assertEquals(A_BETTER, IEEE_1588.compare(base, gm(0x30, 128)));
    }

    @Test
    void nullLosesAndSameObjectIsEqual() {
        BmcDataset a = gm(1, 128);
        assertEquals(A_BETTER, IEEE_1588.compare(a, null));
        assertEquals(B_BETTER, IEEE_1588.compare(null, a));
        assertEquals(0, IEEE_1588.compare(a, a));
    }

    @Test
    void identityComparesUnsigned() {
        assertEquals(A_BETTER, IEEE_1588.compare(gm(0x7000_0000_0000_0000L, 128), gm(0x8000_0000_0000_0000L, 128)));
    }

    @Test
    void sameGrandmasterByTopology() {
        // stepsRemoved differing by more than one: fewer steps wins outright.
        assertEquals(A_BETTER, IEEE_1588.compare(ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x10, 1), ds(5, 128, 248, 0xFE, 0xFFFF, 128, 3, 0x11, 1)));
        // by one: better by topology unless the receiver is "less" than the sender.
        BmcDataset a = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x10, 1);
        BmcDataset b = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 2, 0x11, 1);
        assertEquals(A_BETTER_TOPO, IEEE_1588.compare(a, b), "receiver 0x99 > sender 0x11");
        b.receiverClock = 0x01;
        assertEquals(A_BETTER, IEEE_1588.compare(a, b));
        assertEquals(B_BETTER, IEEE_1588.compare(b, a));
        // equal steps: the lower sender identity wins by topology, then the receiver port.
        BmcDataset c = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x10, 1);
        BmcDataset d = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x20, 1);
        assertEquals(A_BETTER_TOPO, IEEE_1588.compare(c, d));
        assertEquals(B_BETTER_TOPO, IEEE_1588.compare(d, c));
        BmcDataset e = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x10, 1);
        e.receiverPort = 2;
        assertEquals(A_BETTER_TOPO, IEEE_1588.compare(c, e));
        BmcDataset same = ds(5, 128, 248, 0xFE, 0xFFFF, 128, 1, 0x10, 1);
        assertEquals(0, IEEE_1588.compare(c, same), "error-2: the same path twice");
    }

    @Test
    void telecomIgnoresPriority1AndUsesLocalPriority() {
        BmcDataset a = gm(0x30, 200);
        BmcDataset b = gm(0x20, 10);
        a.localPriority = 1;
        b.localPriority = 2;
        assertEquals(A_BETTER, TELECOM.compare(a, b), "priority1 ignored, localPriority decides");
        a.localPriority = 2;
        assertEquals(B_BETTER, TELECOM.compare(a, b), "then the identity");
        assertSame(TELECOM, DatasetComparison.named("G.8275.x"));
        assertThrows(IllegalArgumentException.class, () -> DatasetComparison.named("best"));
    }

    @Test
    void stateDecision() {
        BmcDataset me = gm(0x50, 128);
        BmcDataset better = gm(0x10, 100);
        BmcDataset worse = gm(0x90, 200);
        assertEquals(PortState.LISTENING, StateDecision.decide(me, null, null, false, PortState.LISTENING, IEEE_1588));
        assertEquals(PortState.GRAND_MASTER, StateDecision.decide(me, worse, worse, true, PortState.LISTENING, IEEE_1588), "M2");
        assertEquals(PortState.SLAVE, StateDecision.decide(me, better, better, true, PortState.LISTENING, IEEE_1588), "S1");
        assertEquals(PortState.MASTER, StateDecision.decide(me, better, worse, false, PortState.MASTER, IEEE_1588), "M3");
        assertEquals(PortState.MASTER, StateDecision.decide(me, better, null, false, PortState.MASTER, IEEE_1588), "M3, nothing heard here");
        // Same GM heard on a second port by a worse path: passive (P2).
        BmcDataset viaPort1 = ds(0x10, 100, 248, 0xFE, 0xFFFF, 128, 1, 0x20, 1);
        BmcDataset viaPort2 = ds(0x10, 100, 248, 0xFE, 0xFFFF, 128, 1, 0x30, 1);
        viaPort2.receiverPort = 2;
        assertEquals(PortState.PASSIVE, StateDecision.decide(me, viaPort1, viaPort2, false, PortState.MASTER, IEEE_1588), "P2");
        // clockClass <= 127: M1 or P1 only.
        BmcDataset primary = gm(0x50, 128);
        primary.clockClass = 6;
        assertEquals(PortState.GRAND_MASTER, StateDecision.decide(primary, better, worse, false, PortState.MASTER, IEEE_1588), "M1");
        BmcDataset betterPrimary = gm(0x10, 128);
        betterPrimary.clockClass = 6;
        assertEquals(PortState.PASSIVE, StateDecision.decide(primary, betterPrimary, betterPrimary, true, PortState.MASTER, IEEE_1588), "P1");
    }

    @Test
    void foreignMasterQualification() {
        ForeignMasterRecords f = new ForeignMasterRecords(4, 0x99, 1);
        BmcDataset a = gm(0x10, 128);
        long s = 1_000_000_000L;
        assertEquals(ForeignMasterRecords.AddResult.NEW_FOREIGN_MASTER, f.add(a, 1, 0));
        assertNull(f.computeBest(IEEE_1588, 0), "the first announce is not counted");
        assertEquals(ForeignMasterRecords.AddResult.COUNTED, f.add(a, 1, 2 * s));
        assertNull(f.computeBest(IEEE_1588, 2 * s), "one counted announce is not enough");
        assertEquals(ForeignMasterRecords.AddResult.CHANGED, f.add(a, 1, 4 * s), "threshold broken");
        assertNotNull(f.computeBest(IEEE_1588, 4 * s));
        assertEquals(0x10, f.best().identity);
        assertEquals(0x99, f.best().receiverClock);
        // window = 4 * 2 s: after 8 s without announces the record is no longer qualified.
        assertNotNull(f.computeBest(IEEE_1588, 9 * s));
        assertNull(f.computeBest(IEEE_1588, 13 * s));
    }

    @Test
    void changedDatasetIsReported() {
        ForeignMasterRecords f = new ForeignMasterRecords(4, 0x99, 1);
        BmcDataset a = gm(0x10, 128);
        f.add(a, 0, 0);
        f.add(a, 0, 1);
        f.add(a, 0, 2);
        assertEquals(ForeignMasterRecords.AddResult.COUNTED, f.add(a, 0, 3));
        BmcDataset changed = gm(0x10, 120);
        assertEquals(ForeignMasterRecords.AddResult.CHANGED, f.add(changed, 0, 4));
    }

    @Test
    void bestOfSeveralAndCapacity() {
        ForeignMasterRecords f = new ForeignMasterRecords(2, 0x99, 1);
        for (int t = 0; t < 3; t++) {
            f.add(gm(0x30, 128), 0, t);
            f.add(gm(0x20, 128), 0, t);
        }
        assertEquals(0x20, f.computeBest(IEEE_1588, 3).identity);
        assertEquals(2, f.qualifiedCount(3));
        // A third sender replaces the one heard longest ago.
        f.add(gm(0x10, 128), 0, 10);
        f.add(gm(0x10, 128), 0, 11);
        f.add(gm(0x10, 128), 0, 12);
        assertEquals(0x10, f.computeBest(IEEE_1588, 12).identity);
    }
}
