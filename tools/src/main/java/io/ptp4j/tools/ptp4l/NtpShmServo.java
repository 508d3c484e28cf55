package io.ptp4j.tools.ptp4l;

import io.ptp4j.linux.ntpshm.NtpShmSegment;

/**
 * clock_servo ntpshm (linuxptp ntpshm.c): hands every offset to chronyd/ntpd through an NTP SHM
 * segment (reference time = local time - offset, receive time = local time) and never adjusts the
 * clock: it stays UNLOCKED, so the port stays UNCALIBRATED, as in linuxptp. timemaster generates
 * this for interfaces with software timestamps only.
 */
public final class NtpShmServo extends io.ptp4j.core.servo.MeasureOnlyServo {
    private final NtpShmSegment shm;

    public NtpShmServo(NtpShmSegment shm) {
        this.shm = shm;
    }

    @Override
    protected void measured(long offsetNanos, long localTimeNanos) {
        int l = leap == 1 ? NtpShmSegment.LEAP_INSERT : leap == -1 ? NtpShmSegment.LEAP_DELETE : NtpShmSegment.LEAP_NORMAL;
        shm.write(localTimeNanos - offsetNanos, localTimeNanos, l);
    }
}
