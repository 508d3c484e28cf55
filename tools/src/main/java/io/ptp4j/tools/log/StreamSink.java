package io.ptp4j.tools.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * linuxptp's verbose (-m) output: levels up to LOG_WARNING (0..4) go to stderr and LOG_NOTICE and
 * above to stdout (print.c), one flushed line each. Copies ASCII chars into a reused byte buffer,
 * so writing allocates nothing.
 */
public final class StreamSink implements LogSink {
    private static final int LOG_NOTICE = 5;

    private final OutputStream out;
    private final OutputStream err;
    private byte[] buf = new byte[1024];

    public StreamSink(OutputStream out, OutputStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void write(int level, CharSequence line) {
        int n = line.length();
        if (buf.length < n + 1) buf = new byte[n + 64];
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            buf[i] = c < 0x80 ? (byte) c : (byte) '?';
        }
        buf[n] = '\n';
        OutputStream o = level >= LOG_NOTICE ? out : err;
        try {
            o.write(buf, 0, n + 1);
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
