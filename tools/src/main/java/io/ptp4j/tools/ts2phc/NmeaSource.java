package io.ptp4j.tools.ts2phc;

import io.ptp4j.tools.log.Printer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * "-s nmea": time of day from a GPS receiver's NMEA sentences (linuxptp ts2phc_nmea_master), read
 * by a thread from ts2phc.nmea_serialport or, when ts2phc.nmea_remote_host and _port are set, a
 * TCP connection. The pulse's time is the last RMC/ZDA time plus the time elapsed since that
 * sentence arrived (the sentence describes the pulse before it), plus utc_offset seconds to get
 * TAI. No fix, or a sentence older than 5 s, means no time: the sample is skipped.
 */
public final class NmeaSource implements PpsSource {
    static final long MAX_AGE_NANOS = 5_000_000_000L;
    private static final long RETRY_MILLIS = 2000;

    /** Opens the byte stream of sentences (a serial port, a socket); called again after errors. */
    @FunctionalInterface
    public interface Connector {
        InputStream open() throws IOException;
    }

    private final Connector connector;
    private final String where;
    private final long utcOffsetNanos;
    private final LongSupplier monotonicNanos;
    private final Ts2phcLog log;
    private volatile boolean running = true;
    private Thread reader;
    private volatile InputStream current;
    // last usable sentence, guarded by this
    private NmeaTime last;
    private long lastRxMonotonicNanos;

    NmeaSource(Connector connector, String where, int utcOffsetSeconds, LongSupplier monotonicNanos, Ts2phcLog log) {
        this.connector = connector;
        this.where = where;
        this.utcOffsetNanos = utcOffsetSeconds * 1_000_000_000L;
        this.monotonicNanos = monotonicNanos;
        this.log = log;
    }

    /** A serial port (its speed set with stty, as linuxptp's serial_open sets it) or host:port over TCP. */
    public static NmeaSource open(String serialPort, int baud, String host, String port, int utcOffsetSeconds, Ts2phcLog log) {
        Connector c;
        String where;
        if (!host.isEmpty() && !port.isEmpty()) {
            where = host + ":" + port;
            c = () -> {
                Socket s = new Socket(host, Integer.parseInt(port));
                s.setSoTimeout((int) RETRY_MILLIS);
                return s.getInputStream();
            };
        } else {
            where = serialPort;
            c = () -> {
                configureSerial(serialPort, baud, log);
                return Files.newInputStream(Path.of(serialPort));
            };
        }
        NmeaSource n = new NmeaSource(c, where, utcOffsetSeconds, System::nanoTime, log);
        n.start();
        return n;
    }

    private static void configureSerial(String port, int baud, Ts2phcLog log) throws IOException {
        if (!Files.exists(Path.of(port))) throw new IOException(port + ": No such file or directory");
        try {
            Process p = new ProcessBuilder("stty", "-F", port, Integer.toString(baud), "raw", "-echo").redirectErrorStream(true).start();
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                log.print(Printer.LOG_WARNING, "nmea: could not set " + port + " to " + baud + " baud with stty: "
                        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted configuring " + port, e);
        }
    }

    void start() {
        reader = new Thread(this::readLoop, "ts2phc-nmea");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        while (running) {
            try (InputStream in = connector.open()) {
                current = in;
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                String line;
                while (running && (line = r.readLine()) != null) accept(line, monotonicNanos.getAsLong());
                if (running) log.print(Printer.LOG_ERR, "nmea source " + where + " closed");
            } catch (java.net.SocketTimeoutException e) {
                if (running) log.print(Printer.LOG_ERR, "nmea source timed out");
            } catch (IOException | RuntimeException e) {
                if (running) log.print(Printer.LOG_ERR, "failed to open nmea source " + where + ": " + e.getMessage());
            }
            if (!running) break;
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /** One received line; package-private so tests feed sentences with their own monotonic time. */
    void accept(String line, long rxMonotonicNanos) {
        if (line.isBlank()) return;
        try {
            NmeaTime t = NmeaParser.parse(line);
            if (t == null) return; // GSV, GGA, ...: not a time sentence
            synchronized (this) {
                last = t;
                lastRxMonotonicNanos = rxMonotonicNanos;
            }
        } catch (NmeaParser.NmeaException e) {
            log.print(Printer.LOG_DEBUG, "nmea: ignoring sentence: " + e.getMessage());
        }
    }

    @Override
    public OptionalLong ppsTimeNanos() {
        NmeaTime t;
        long rx;
        synchronized (this) {
            t = last;
            rx = lastRxMonotonicNanos;
        }
        if (t == null || !t.fixValid()) {
            log.print(Printer.LOG_DEBUG, "nmea: no valid rmc fix");
            return OptionalLong.empty();
        }
        long age = monotonicNanos.getAsLong() - rx;
        if (age > MAX_AGE_NANOS) {
            log.print(Printer.LOG_ERR, "nmea: rmc time stamp stale");
            return OptionalLong.empty();
        }
        return OptionalLong.of(t.utcNanos() + age + utcOffsetNanos);
    }

    @Override
    public String name() {
        return "nmea";
    }

    @Override
    public void close() {
        running = false;
        InputStream in = current;
        try {
            if (in != null) in.close();
        } catch (IOException ignored) {
            // closing to unblock the reader; nothing else to do
        }
        if (reader != null) reader.interrupt();
    }
}
