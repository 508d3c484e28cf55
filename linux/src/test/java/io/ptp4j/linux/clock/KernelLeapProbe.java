package io.ptp4j.linux.clock;

import io.ptp4j.linux.daemon.EventLoop;
import io.ptp4j.linux.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link KernelLeapWithoutCapabilityTest} in a process WITHOUT CAP_SYS_TIME (setpriv):
 * asks the kernel, through the daemon's event loop, to arm a leap second on CLOCK_REALTIME and
 * to set its TAI offset, as ptp4l with kernel_leap 1 does, and prints what the loop said. It
 * refuses to do anything if it still holds CAP_SYS_TIME: this machine's clock is never touched.
 */
public final class KernelLeapProbe {
    private KernelLeapProbe() {}

    public static void main(String[] args) throws Exception {
        long capEff = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) capEff = Long.parseUnsignedLong(line.substring(7).strip(), 16);
        }
        if ((capEff & (1L << 25)) != 0) { // CAP_SYS_TIME
            System.out.println("REFUSED: this process holds CAP_SYS_TIME");
            System.exit(3);
        }
        List<String> errors = new ArrayList<>();
        try (EventLoop loop = new EventLoop(new Transport[0], new SystemClock(), 1, (port, m) -> errors.add(m))) {
            int armed = loop.armLeap(1);
            loop.setTaiOffset(37);
            System.out.println("armLeap " + armed);
            for (String e : errors) System.out.println("error: " + e);
            System.out.println("goes on");
        }
    }
}
