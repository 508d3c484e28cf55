package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;

/**
 * boundary_clock_jbod ("just a bunch of devices"): a boundary clock whose ports sit on NICs with
 * different PHCs. Each port's timestamps are in its own PHC's timescale; the engine disciplines
 * the PHC of the port that follows the master, and phc2sys -a keeps the others in step (linuxptp
 * port.c / clock_switch_phc()). This device reads and adjusts whichever PHC was selected last.
 */
public final class JbodClock implements ClockDevice {
    private final ClockDevice[] byPort;
    private int current;

    /** @param byPort the clock of each port, index portNumber - 1 (ports may share one) */
    public JbodClock(ClockDevice[] byPort) {
        if (byPort.length == 0) throw new IllegalArgumentException("no ports");
        this.byPort = byPort.clone();
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

    @Override public String name() { return byPort[current].name(); }
    @Override public long nowNanos() throws NativeException { return byPort[current].nowNanos(); }
    @Override public void adjustFrequency(double ppb) throws NativeException { byPort[current].adjustFrequency(ppb); }
    @Override public double frequencyPpb() throws NativeException { return byPort[current].frequencyPpb(); }
    @Override public void step(long deltaNanos) throws NativeException { byPort[current].step(deltaNanos); }
    @Override public double maxFrequencyPpb() { return byPort[current].maxFrequencyPpb(); }
    @Override public boolean canAdjustPhase() { for (ClockDevice d : byPort) if (!d.canAdjustPhase()) return false; return true; }
    @Override public void adjustPhase(long offsetNanos) throws NativeException { byPort[current].adjustPhase(offsetNanos); }
    @Override public long fromSocketTimestamp(long socketNanos) throws NativeException { return byPort[current].fromSocketTimestamp(socketNanos); }
    @Override public long minusRealtimeNanos() throws NativeException { return byPort[current].minusRealtimeNanos(); }
}
