package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.core.engine.DelayMechanism;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** linuxptp's automotive configs reach the engine, and their two misconfigurations are refused as linuxptp does. */
class AutomotiveConfigTest {
    static final Path CONFIGS = Paths.get("src/test/resources/linuxptp-configs");
    @TempDir Path dir;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Ptp4lMain.run("ptp4l", args, new PrintStream(new ByteArrayOutputStream(), true), new PrintStream(err, true), dir);
    }

    private ClockConfig engine(String cfg) throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-f", CONFIGS.resolve(cfg).toString(), "-i", "ptp4jnone0"});
        assertTrue(s.warnings().stream().noneMatch(w -> w.contains("not yet acted on")), s.warnings().toString());
        return EngineSettings.clockConfig(s.config(), java.util.List.of("ptp4jnone0"), 1, true);
    }

    @Test
    void masterConfig() throws Exception {
        ClockConfig e = engine("automotive-master.cfg");
        assertTrue(e.port.bmcaNoop && e.port.serverOnly && !e.clientOnly);
        assertTrue(e.port.inhibitAnnounce && e.port.alwaysAsCapable && e.port.inhibitDelayReq);
        assertFalse(e.port.ignoreSourceId || e.port.msgIntervalRequest);
        assertEquals(-3, e.port.logSyncInterval);
        assertEquals(DelayMechanism.P2P, e.port.delayMechanism);
        assertEquals(1, e.port.transportSpecific);
    }

    @Test
    void slaveConfig() throws Exception {
        ClockConfig e = engine("automotive-slave.cfg");
        assertTrue(e.port.bmcaNoop && e.clientOnly && !e.port.serverOnly);
        assertTrue(e.port.inhibitAnnounce && e.port.alwaysAsCapable && e.port.ignoreSourceId && e.port.msgIntervalRequest);
        assertFalse(e.port.inhibitDelayReq);
        assertEquals(0, e.port.operLogSyncInterval);
        assertEquals(2, e.port.operLogPdelayReqInterval);
        assertEquals(30, e.servo.servoOffsetThreshold);
        assertEquals(10, e.servo.servoNumOffsetValues);
        assertEquals(1.0, e.servo.stepThreshold);
    }

    @Test
    void initialDelayReachesTheEngine() throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-i", "ptp4jnone0", "--initial_delay", "1500"});
        assertEquals(1500, EngineSettings.clockConfig(s.config(), java.util.List.of("ptp4jnone0"), 1, true).initialDelayNanos);
    }

    @Test
    void noopNeedsServerOnlyOrClientOnly() {
        assertEquals(255, run("-i", "ptp4jnone0", "--BMCA", "noop"));
        assertEquals("port 1 (ptp4jnone0): Please enable at least one of serverOnly or clientOnly when BMCA == noop.\n"
                + "failed to create a clock\n", err.toString());
    }

    @Test
    void inhibitDelayReqNeedsAsCapableTrue() throws Exception {
        Path f = dir.resolve("a.cfg");
        Files.writeString(f, Files.readString(CONFIGS.resolve("automotive-master.cfg")).replace("asCapable\t\ttrue", "asCapable auto"));
        assertEquals(255, run("-f", f.toString(), "-i", "ptp4jnone0"));
        assertEquals("port 1 (ptp4jnone0): inhibit_delay_req can only be set when asCapable == 'true'.\n"
                + "failed to create a clock\n", err.toString());
    }
}
