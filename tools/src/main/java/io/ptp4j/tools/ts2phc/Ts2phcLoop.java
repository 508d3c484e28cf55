package io.ptp4j.tools.ts2phc;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.tools.log.Printer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.OptionalLong;

/**
 * ts2phc's main loop (linuxptp ts2phc_slave_poll): wait up to 2 s for an edge on any sink, read
 * the source's time once, hand each ready sink's event to its servo. Several PHC sinks are waited
 * on together with poll(2); a virtual sink runs alone.
 */
public final class Ts2phcLoop {
    static final int POLL_TIMEOUT_MILLIS = 2000;

    private final PpsSource source;
    private final List<SinkServo> servos;
    private final Ts2phcLog log;
    private final MemorySegment pollfds;
    private volatile boolean running = true;

    public Ts2phcLoop(PpsSource source, List<SinkServo> servos, Ts2phcLog log) {
        if (servos.size() > 1) {
            for (SinkServo s : servos) {
                if (!(s.sink() instanceof PhcSink)) throw new IllegalArgumentException("a virtual sink cannot be combined with other sinks");
            }
        }
        this.source = source;
        this.servos = servos;
        this.log = log;
        this.pollfds = Arena.ofAuto().allocate(Libc.POLLFD_SIZE * Math.max(1, servos.size()), 8);
    }

    public void stop() {
        running = false;
    }

    public void run() throws NativeException, InterruptedException {
        while (running) pollOnce(POLL_TIMEOUT_MILLIS);
    }

    /** One round; returns how many events were handled. */
    public int pollOnce(int timeoutMillis) throws NativeException, InterruptedException {
        if (servos.size() == 1) {
            SinkServo s = servos.get(0);
            ExttsEvent e = s.sink().awaitEvent(timeoutMillis);
            if (e == null) {
                log.print(Printer.LOG_DEBUG, "poll returns zero, no events");
                return 0;
            }
            s.onEvent(e, source.ppsTimeNanos());
            return 1;
        }
        for (int i = 0; i < servos.size(); i++) {
            long at = i * Libc.POLLFD_SIZE;
            pollfds.set(ValueLayout.JAVA_INT, at, ((PhcSink) servos.get(i).sink()).fd());
            pollfds.set(ValueLayout.JAVA_SHORT, at + 4, (short) (Libc.POLLIN | Libc.POLLPRI));
            pollfds.set(ValueLayout.JAVA_SHORT, at + 6, (short) 0);
        }
        int n = Libc.poll(pollfds, servos.size(), timeoutMillis);
        if (n < 0) {
            if (Libc.errno() == Libc.EINTR) return 0;
            throw new NativeException("poll", Libc.errno());
        }
        if (n == 0) {
            log.print(Printer.LOG_DEBUG, "poll returns zero, no events");
            return 0;
        }
        OptionalLong src = source.ppsTimeNanos();
        int handled = 0;
        for (int i = 0; i < servos.size(); i++) {
            short revents = pollfds.get(ValueLayout.JAVA_SHORT, i * Libc.POLLFD_SIZE + 6);
            if ((revents & (Libc.POLLIN | Libc.POLLPRI)) == 0) continue;
            ExttsEvent e = servos.get(i).sink().awaitEvent(0);
            if (e != null) {
                servos.get(i).onEvent(e, src);
                handled++;
            }
        }
        return handled;
    }
}
