package io.ptp4j.tools.ops;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Under a timemaster, the chronyd it started next to ptp4l is not a conflict; other daemons still are. */
class TimeDaemonScannerTimemasterTest {
    @TempDir Path proc;

    void process(long pid, String comm, long ppid, String cmdline) throws Exception {
        Path d = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(d.resolve("comm"), comm + "\n");
        Files.writeString(d.resolve("status"), "Name:\t" + comm + "\nPPid:\t" + ppid + "\n");
        Files.writeString(d.resolve("cmdline"), cmdline.replace(' ', '\0'));
    }

    @Test
    void siblingsUnderTimemasterAreExpected() throws Exception {
        process(10, "java", 1, "java -cp x io.ptp4j.tools.Main timemaster -f tm.conf");
        process(11, "chronyd", 10, "chronyd -n -f /run/timemaster/chrony.conf");
        process(12, "java", 10, "java io.ptp4j.tools.Main ptp4l -f /run/timemaster/ptp4l.0.conf");
        process(20, "ntpd", 1, "ntpd -n");
        List<TimeDaemonScanner.Conflict> c = TimeDaemonScanner.scan(proc, 12);
        assertEquals(List.of("ntpd"), c.stream().map(TimeDaemonScanner.Conflict::name).toList());
        // a ptp4l started from a shell beside them: chronyd is a conflict again, and so are
        // ptp4j's timemaster and the ptp4l it started (ptp4j's tools are seen by their cmdline)
        process(13, "bash", 1, "bash");
        process(14, "java", 13, "java io.ptp4j.tools.Main ptp4l");
        assertEquals(List.of("timemaster", "chronyd", "ptp4l", "ntpd"),
                TimeDaemonScanner.scan(proc, 14).stream().map(TimeDaemonScanner.Conflict::name).toList());
    }
}
