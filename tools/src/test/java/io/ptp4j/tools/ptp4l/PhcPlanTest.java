package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.JbodClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which PHC each port uses, as linuxptp's clock_create()/port_open() decide. */
class PhcPlanTest {
    static final List<String> TWO = List.of("port 1 (eth0)", "port 2 (eth1)");

    @Test
    void portsOnOneNicShareItsPhc() throws Exception {
        PhcPlan p = PhcPlan.of(TWO, new int[] {0, 0}, new int[] {-1, -1}, new boolean[] {false, false}, null);
        assertArrayEquals(new int[] {0, 0}, p.phcByPort());
        assertFalse(p.jbod());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void portsOnTwoNicsAreRefusedWithoutJbodInLinuxptpsWords() {
        PhcPlan.MismatchException e = assertThrows(PhcPlan.MismatchException.class,
                () -> PhcPlan.of(TWO, new int[] {0, 1}, new int[] {-1, -1}, new boolean[] {false, false}, null));
        assertEquals("port 2 (eth1): PHC device mismatch\nport 2 (eth1): /dev/ptp0 requested, ptp1 attached", e.getMessage());
    }

    @Test
    void jbodLetsEachPortUseItsOwnPhc() throws Exception {
        PhcPlan p = PhcPlan.of(TWO, new int[] {0, 1}, new int[] {-1, -1}, new boolean[] {true, true}, null);
        assertArrayEquals(new int[] {0, 1}, p.phcByPort());
        assertTrue(p.jbod());
        assertEquals(List.of("port 2 (eth1): just a bunch of devices"), p.warnings());
    }

    @Test
    void theCommandLineDeviceWinsWithAWarningAndPhcIndexKeysAreHonoured() throws Exception {
        PhcPlan p = PhcPlan.of(TWO, new int[] {0, 1}, new int[] {-1, -1}, new boolean[] {false, false}, "/dev/ptp0");
        assertArrayEquals(new int[] {0, 0}, p.phcByPort());
        assertEquals(List.of("port 2 (eth1): taking /dev/ptp0 from the command line, not the attached ptp1"), p.warnings());
        PhcPlan q = PhcPlan.of(TWO, new int[] {3, 3}, new int[] {3, 3}, new boolean[] {false, false}, null);
        assertArrayEquals(new int[] {3, 3}, q.phcByPort());
        assertEquals(2, PhcPlan.deviceIndex("/dev/ptp2"));
        assertEquals(-1, PhcPlan.deviceIndex("/dev/ptp_ice0"));
    }

    /** A clock that only counts what is done to it. */
    static final class Fake implements ClockDevice {
        final String name;
        double freq;
        long stepped;

        Fake(String name, double freq) {
            this.name = name;
            this.freq = freq;
        }

        @Override public String name() { return name; }
        @Override public long nowNanos() { return 0; }
        @Override public void adjustFrequency(double ppb) { freq = ppb; }
        @Override public double frequencyPpb() { return freq; }
        @Override public void step(long d) { stepped += d; }
        @Override public double maxFrequencyPpb() { return 1e6; }
    }

    @Test
    void aJbodClockAdjustsOnlyTheSelectedPortsPhc() throws Exception {
        Fake a = new Fake("/dev/ptp0", 10), b = new Fake("/dev/ptp1", -20);
        JbodClock j = new JbodClock(new ClockDevice[] {a, b, a});
        assertEquals("/dev/ptp0", j.name());
        assertFalse(j.selectForPort(3), "port 3 shares port 1's PHC: nothing changes");
        assertTrue(j.selectForPort(2));
        assertEquals(-20, j.frequencyPpb());
        j.adjustFrequency(5);
        j.step(100);
        assertEquals(5, b.freq);
        assertEquals(100, b.stepped);
        assertEquals(10, a.freq);
        assertEquals(0, a.stepped);
        assertFalse(j.selectForPort(2));
        assertFalse(j.selectForPort(9));
    }
}
