package io.ptp4j.linux.clock;

/**
 * boundary_clock_jbod ("just a bunch of devices"): a boundary clock whose ports sit on NICs with
 * different PHCs. Each port's timestamps are in its own PHC's timescale; the engine disciplines
 * the PHC of the port that follows the master, and phc2sys -a keeps the others in step (linuxptp
 * port.c / clock_switch_phc()). This device reads and adjusts whichever PHC was selected last.
 */
public final class JbodClock extends ForwardingClock {
    private final ClockDevice[] byPort;
    private int current;

    /** @param byPort the clock of each port, index portNumber - 1 (ports may share one) */
    public JbodClock(ClockDevice[] byPort) {
        if (byPort.length == 0) throw new IllegalArgumentException("no ports");
        this.byPort = byPort.clone();
    }

    @Override
    protected ClockDevice delegate() {
        return byPort[current];
    }

    @Override
    public boolean selectForPort(int port) {
        if (port < 1 || port > byPort.length || byPort[port - 1] == byPort[current]) return false;
        current = port - 1;
        return true;
    }

    /** The clock now disciplined. */
    public ClockDevice current() {
        return byPort[current];
    }

    /** Closes every port's clock once (ports may share one). */
    @Override
    public void close() {
        for (int i = 0; i < byPort.length; i++) {
            boolean seen = false;
            for (int j = 0; j < i; j++) seen |= byPort[j] == byPort[i];
            if (!seen) byPort[i].close();
        }
    }
}
