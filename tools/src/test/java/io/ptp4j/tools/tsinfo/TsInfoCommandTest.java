package io.ptp4j.tools.tsinfo;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TsInfoCommandTest {
    static String[] run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int rc = TsInfoCommand.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(rc), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void loopbackHasSoftwareStampsOnly() {
        String[] r = run("lo");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("Time stamping parameters for lo:\nCapabilities:\n"), r[1]);
        assertTrue(r[1].contains("\tsoftware-receive\n"));
        assertTrue(r[1].contains("PTP Hardware Clock: none\n"));
        assertTrue(r[1].contains("Verdict: software timestamping only: expect ~1 \u00b5s accuracy"), r[1]);
        assertTrue(r[1].contains("use -S"));
    }

    @Test
    void aMissingInterfaceIsNamed() {
        String[] r = run("nosuch0");
        assertEquals("1", r[0]);
        assertEquals("ts-info: ioctl(SIOCETHTOOL, ETHTOOL_GET_TS_INFO) nosuch0: No such device (errno 19)\n", r[2]);
    }

    @Test
    void usage() {
        assertEquals("2", run()[0]);
        assertEquals("2", run("a", "b")[0]);
        assertTrue(run("x".repeat(20))[2].contains("interface name must be 1..15 characters"));
    }
}
