package io.ptp4j.tools.hwstamp;

import io.ptp4j.tools.cli.ArgValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ptp4j.testkit.Captured;
import org.junit.jupiter.api.Test;

/** hwstamp_ctl's error paths: no hardware timestamping on this machine (lo, a missing interface). */
class HwstampCtlMainTest {
    static Captured run(String... args) {
        return Captured.of((o, e) -> HwstampCtlMain.run("hwstamp_ctl", args, o, e));
    }

    @Test
    void missingInterface() {
        Captured r = run("-i", "ptp4jnone0");
        assertEquals(19, r.rc()); // ENODEV, as linuxptp returns errno
        assertEquals("SIOCGHWTSTAMP failed: No such device\n", r.err());
    }

    @Test
    void loopbackHasNoHardwareStamping() {
        Captured r = run("-i", "lo");
        assertEquals(95, r.rc());
        assertEquals("Device driver does not have support for non-destructive SIOCGHWTSTAMP.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void usageErrors() {
        Captured r = run();
        assertEquals(255, r.rc());
        assertTrue(r.err().startsWith("\nusage: hwstamp_ctl [options]\n"), r.err());
        assertTrue(r.err().contains("\t\t12 PTP v2/802.AS1, any layer, any kind of event packet\n"), r.err());
        assertEquals(255, run("-i", "lo", "-r", "15").rc());
        assertEquals(255, run("-i", "lo", "-t", "2").rc());
        r = run("-x");
        assertTrue(r.err().startsWith("hwstamp_ctl: invalid option -- 'x'\n"), r.err());
        assertEquals(0, run("-h").rc());
        assertEquals(0, ArgValues.atoi("0x5"));
        assertEquals(12, ArgValues.atoi(" 12abc"));
    }
}
