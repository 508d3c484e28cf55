package io.ptp4j.linux.daemon;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.clock.ClockDevice;
import io.ptp4j.linux.clock.ForwardingClock;
import io.ptp4j.linux.transport.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * kernel_leap 1 on a clock that refuses to be armed (EPERM, what the kernel answers a process
 * without CAP_SYS_TIME): ptp4l says so in linuxptp's words ("failed to set the clock status:
 * Operation not permitted") and goes on. The refusing clock is an in-memory stand-in whose
 * leap-second calls only throw: no test asks the kernel to change any clock of this machine.
 */
class KernelLeapRefusedTest {
    /** A clock that carries leap seconds and refuses, as the kernel refuses a process without CAP_SYS_TIME. */
    static final class RefusingClock extends ForwardingClock {
        final ClockDevice inner = new EventLoopTest.ShiftedClock();

        @Override
        protected ClockDevice delegate() {
            return inner;
        }

        @Override
        public boolean carriesLeapSeconds() {
            return true;
        }

        @Override
        public void armLeap(int leap) throws NativeException {
            throw new NativeException("clock_adjtime(ADJ_STATUS)", Libc.EPERM, "stand-in clock");
        }

        @Override
        public void setTaiOffset(int seconds) throws NativeException {
            throw new NativeException("clock_adjtime(ADJ_TAI)", Libc.EPERM, "stand-in clock");
        }
    }

    @Test
    void armingFailsClearlyAndTheLoopGoesOn() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (EventLoop loop = new EventLoop(new Transport[0], new RefusingClock(), 1, (port, m) -> errors.add(m))) {
            assertEquals(0, loop.armLeap(1), "refused: neither armed (1) nor left to the servo (-1)");
            loop.setTaiOffset(37);
            assertEquals(List.of("failed to set the clock status: Operation not permitted", "failed to set TAI offset: Operation not permitted"),
                    errors);
            assertEquals(0, loop.armLeap(0), "and again: the loop goes on");
        }
    }
}
