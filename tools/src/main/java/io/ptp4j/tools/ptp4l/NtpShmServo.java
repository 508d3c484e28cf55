package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.servo.Servo;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.ntpshm.NtpShmSegment;

/**
 * clock_servo ntpshm (linuxptp ntpshm.c): hands every offset to chronyd/ntpd through an NTP SHM
 * segment (reference time = local time - offset, receive time = local time) and never adjusts the
 * clock: it stays UNLOCKED, so the port stays UNCALIBRATED, as in linuxptp. timemaster generates
 * this for interfaces with software timestamps only.
 */
final class NtpShmServo implements Servo {
    private final NtpShmSegment shm;
    private int leap;

    NtpShmServo(NtpShmSegment shm) {
        this.shm = shm;
    }

    @Override
    public double sample(long offsetNanos, long localTimeNanos, double weight) {
        int l = leap == 1 ? NtpShmSegment.LEAP_INSERT : leap == -1 ? NtpShmSegment.LEAP_DELETE : NtpShmSegment.LEAP_NORMAL;
        shm.write(localTimeNanos - offsetNanos, localTimeNanos, l);
        return 0.0;
    }

    @Override
    public ServoState state() {
        return ServoState.UNLOCKED;
    }

    @Override
    public void syncInterval(double seconds) {}

    @Override
    public void reset() {}

    @Override
    public double maxFrequencyPpb() {
        return 0;
    }

    @Override
    public void leap(int leap) {
        this.leap = leap;
    }
}
