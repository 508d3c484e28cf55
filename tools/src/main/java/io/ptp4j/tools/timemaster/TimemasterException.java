package io.ptp4j.tools.timemaster;

/** timemaster cannot build or run its script; the message is what it prints (linuxptp's words). */
public final class TimemasterException extends Exception {
    public TimemasterException(String message) {
        super(message);
    }
}
