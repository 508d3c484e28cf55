package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.engine.EngineConfig;
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

    private EngineConfig engine(String cfg) throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-f", CONFIGS.resolve(cfg).toString(), "-i", "ptp4jnone0"});
        assertTrue(s.warnings().stream().noneMatch(w -> w.contains("not yet acted on")), s.warnings().toString());
        return Ptp4lDaemon.engineConfig(s.config(), "ptp4jnone0", 1, 1, true);
    }

    @Test
    void masterConfig() throws Exception {
        EngineConfig e = engine("automotive-master.cfg");
        assertTrue(e.bmcaNoop && e.serverOnly && !e.clientOnly);
        assertTrue(e.inhibitAnnounce && e.alwaysAsCapable && e.inhibitDelayReq);
        assertFalse(e.ignoreSourceId || e.msgIntervalRequest);
        assertEquals(-3, e.logSyncInterval);
        assertEquals(EngineConfig.DelayMechanism.P2P, e.delayMechanism);
        assertEquals(1, e.transportSpecific);
    }

    @Test
    void slaveConfig() throws Exception {
        EngineConfig e = engine("automotive-slave.cfg");
        assertTrue(e.bmcaNoop && e.clientOnly && !e.serverOnly);
        assertTrue(e.inhibitAnnounce && e.alwaysAsCapable && e.ignoreSourceId && e.msgIntervalRequest);
        assertFalse(e.inhibitDelayReq);
        assertEquals(0, e.operLogSyncInterval);
        assertEquals(2, e.operLogPdelayReqInterval);
        assertEquals(30, e.servo.servoOffsetThreshold);
        assertEquals(10, e.servo.servoNumOffsetValues);
        assertEquals(1.0, e.servo.stepThreshold);
    }

    @Test
    void initialDelayReachesTheEngine() throws Exception {
        Ptp4lSettings s = Ptp4lMain.settings("ptp4l", new String[] {"-i", "ptp4jnone0", "--initial_delay", "1500"});
        assertEquals(1500, Ptp4lDaemon.engineConfig(s.config(), "ptp4jnone0", 1, 1, true).initialDelayNanos);
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
