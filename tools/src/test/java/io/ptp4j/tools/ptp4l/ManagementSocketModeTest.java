package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.ClockConfig;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.clock.VirtualClock;
import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import io.ptp4j.tools.log.Printer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** uds_file_mode and uds_ro_file_mode: the management sockets' files get the modes configured (linuxptp uds.c). */
class ManagementSocketModeTest {
    @Test
    void socketFilesTakeTheirConfiguredModes(@TempDir Path dir) throws Exception {
        Path rw = dir.resolve("ptp4l"), ro = dir.resolve("ptp4lro");
        PtpConfig c = new PtpConfig();
        ConfigReader.read("t.cfg", "[global]\nuds_address " + rw + "\nuds_ro_address " + ro + "\nuds_file_mode 0600\nuds_ro_file_mode 0640\n", c);
        try (EventLoop loop = new EventLoop(new Transport[0], VirtualClock.startingAtRealtime(), 1, null)) {
            ManagementAgent agent = new ManagementAgent(new PtpClock(new ClockConfig(), loop, null));
            Printer printer = new Printer("ptp4l", System::nanoTime);
            PrintStream err = new PrintStream(new ByteArrayOutputStream());
            try (UnixDatagramSocket a = ManagementSocket.open("ptp4l", c, agent, "uds_address", true, loop, printer, err);
                    UnixDatagramSocket b = ManagementSocket.open("ptp4l", c, agent, "uds_ro_address", false, loop, printer, err)) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rw)));
                assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(ro)));
            }
        }
    }
}
