package io.ptp4j.linux.clock;

import io.ptp4j.linux.NativeException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Another process's {@link VirtualClock}, read through its {@link VirtualClockFile} (ptp4l's
 * {@code virtual_clock 1} publishes one): readable like a PHC, never adjustable from here (its
 * owner disciplines it). Name: {@code virtual:PATH}. Reads allocate nothing.
 */
public final class SharedVirtualClock implements ClockDevice {
    /** EROFS: what an adjustment of a read-only clock fails with. */
    static final int EROFS = 30;

    private final VirtualClockFile file;
    private final PosixTime time = new PosixTime();
    private final String name;

    private SharedVirtualClock(VirtualClockFile file, String name) {
        this.file = file;
        this.name = name;
    }

    /** Maps {@code path} read-only. */
    public static SharedVirtualClock open(Path path) throws IOException {
        return new SharedVirtualClock(VirtualClockFile.open(path), "virtual:" + path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long nowNanos() {
        return file.timeAt(time.monotonicRawNanos());
    }

    @Override
    public void adjustFrequency(double freqPpb) throws NativeException {
        throw readOnly("adjust the frequency of");
    }

    @Override
    public double frequencyPpb() {
        return file.frequencyPpb();
    }

    @Override
    public void step(long deltaNanos) throws NativeException {
        throw readOnly("step");
    }

    private NativeException readOnly(String what) {
        return new NativeException("cannot " + what + " " + name + " (its owner, pid " + file.writerPid() + ", disciplines it)", EROFS, null);
    }

    @Override
    public double maxFrequencyPpb() {
        return VirtualClock.MAX_FREQUENCY_PPB;
    }

    @Override
    public void close() {
        file.close();
    }
}
