package io.ptp4j.tools.log;

/**
 * Where a finished log line goes. The line is only valid during the call (it is a reused
 * buffer); a sink that keeps it must copy it.
 */
public interface LogSink {
    /**
     * @param level syslog level 0 (LOG_EMERG) .. 7 (LOG_DEBUG)
     * @param line the whole line without newline
     */
    void write(int level, CharSequence line);
}
