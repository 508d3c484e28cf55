package io.ptp4j.tools.ts2phc;

import static io.ptp4j.testkit.Daemons.bin;
import static io.ptp4j.testkit.Daemons.noClock;
import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ts2phc end to end in real time, no hardware: a fake GPS receiver on 127.0.0.1 sends one RMC
 * sentence 150 ms after every UTC second (describing that second, as receivers do), ts2phc reads it
 * with -s nmea over TCP and disciplines ptp4j's virtual sink (-c virtual, edges at each second).
 * The virtual clock starts on UTC and 2 ms off; ts2phc must step it to TAI (UTC + utc_offset 37)
 * and lock. Runs under setpriv without CAP_SYS_TIME: the system clock is only read.
 */
@Tag("interop")
class Ts2phcNmeaInteropTest {
    static final Pattern LINE = Pattern.compile("ts2phc\\[\\d+\\.\\d{3}\\]: virtual offset +(-?\\d+) (s\\d) freq +([+-]\\d+)");
    static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HHmmss.SS"), DMY = DateTimeFormatter.ofPattern("ddMMyy");

    @Test
    @Timeout(90)
    void nmeaOverTcpLocksTheVirtualSinkToTai(@TempDir Path dir) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread gps = new Thread(() -> {
                try (Socket s = server.accept(); OutputStream o = s.getOutputStream()) {
                    while (true) {
                        long now = System.currentTimeMillis();
                        Thread.sleep(1000 - now % 1000 + 150);
                        ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
                        String body = "GPRMC," + HMS.format(t) + ",A,4807.038,N,01131.000,E,022.4,084.4," + DMY.format(t) + ",003.1,W";
                        o.write(("$" + body + "*" + NmeaParser.checksum(body) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        o.flush();
                    }
                } catch (Exception e) {
                    // the test ended and closed the socket
                }
            }, "fake-gps");
            gps.setDaemon(true);
            gps.start();
            Path log = dir.resolve("ts2phc.log");
            Process p = new ProcessBuilder(noClock(bin("ts2phc"), "-s", "nmea", "-c", "virtual", "-m", "-q", "--ts2phc.nmea_remote_host", "127.0.0.1",
                    "--ts2phc.nmea_remote_port", Integer.toString(server.getLocalPort()), "--virtual_clock_offset", "2000000",
                    "--virtual_clock_freq", "-30000")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                long deadline = System.nanoTime() + 60_000_000_000L;
                List<long[]> samples = new ArrayList<>();
                while (System.nanoTime() < deadline && samples.size() < 25) {
                    Thread.sleep(500);
                    samples.clear();
                    Matcher m = LINE.matcher(Files.readString(log));
                    while (m.find()) samples.add(new long[] {Long.parseLong(m.group(1)), m.group(2).charAt(1) - '0', Long.parseLong(m.group(3))});
                }
                String text = Files.readString(log);
                System.out.println("---- ts2phc -s nmea -c virtual\n" + text);
                assertTrue(samples.size() >= 25, "25 samples in 60 s: " + text);
                long first = samples.get(0)[0];
                assertTrue(Math.abs(first + 37_000_000_000L) < 50_000_000, "first offset ~ -37 s (UTC clock, TAI source): " + first);
                assertTrue(text.contains(" s1 freq "), "stepped once: " + text);
                List<long[]> tail = samples.subList(samples.size() - 8, samples.size());
                for (long[] s : tail) {
                    assertEquals(2, s[1], "locked: " + text);
                    assertTrue(Math.abs(s[0]) < 200_000, "within 200 us (a loaded 2-core box's scheduling): " + text);
                }
                assertTrue(p.isAlive());
            } finally {
                p.destroy();
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), "SIGTERM: clean exit");
        }
    }
}
