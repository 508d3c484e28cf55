package io.ptp4j.tools.ptp4l;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * clock_servo refclock_sock (linuxptp refclock_sock.c, what linuxptp 4.x timemaster generates
 * for chronyd): every offset goes as one chrony SOCK sample (struct sock_sample: struct timeval
 * of the local time, offset = true - local in seconds, pulse 0, leap, magic "SOCK") to chronyd's
 * socket at refclock_sock_address; the clock is never adjusted (UNLOCKED, as linuxptp). One
 * reused buffer: no allocation per sample.
 */
public final class RefclockSockServo extends io.ptp4j.core.servo.MeasureOnlyServo {
    static final int SOCK_MAGIC = 0x534f434b;
    static final int SAMPLE_SIZE = 40;

    private final UnixDatagramSocket socket;
    private final String chronyPath;
    private final Consumer<String> errors;
    private final ByteBuffer sample = ByteBuffer.allocateDirect(SAMPLE_SIZE).order(ByteOrder.nativeOrder());
    private boolean failing;

    public RefclockSockServo(UnixDatagramSocket socket, String chronyPath, Consumer<String> errors) {
        this.socket = socket;
        this.chronyPath = chronyPath;
        this.errors = errors;
    }

    @Override
    protected void measured(long offsetNanos, long localTimeNanos) {
        sample.clear();
        sample.putLong(0, Math.floorDiv(localTimeNanos, 1_000_000_000L));
        sample.putLong(8, Math.floorMod(localTimeNanos, 1_000_000_000L) / 1000);
        sample.putDouble(16, -offsetNanos / 1e9);
        sample.putInt(24, 0);
        sample.putInt(28, leap == 1 ? 1 : leap == -1 ? 2 : 0);
        sample.putInt(32, 0);
        sample.putInt(36, SOCK_MAGIC);
        try {
            socket.send(sample, 0, SAMPLE_SIZE, chronyPath);
            failing = false;
        } catch (NativeException e) {
            // linuxptp logs every failure; once per outage is enough to say chronyd is not listening
            if (!failing) errors.accept("refclock_sock: send failed: " + e.getMessage());
            failing = true;
        }
    }
}
