package io.ptp4j.core.auth;

import io.ptp4j.core.engine.FileLineException;

/**
 * A bad sa_file: {@link #getMessage()} is {@code FILE:LINE: } and linuxptp 4.4's words for the
 * problem (sad.c), e.g. {@code sa.cfg:7: key_id 0 is out of range. Must be in the range 1 to 4294967295}.
 * linuxptp prints such a line and drops the association; ptp4j refuses the file, so a typo in a
 * key never turns into a port that silently cannot authenticate.
 */
public final class SaFileException extends FileLineException {
    public SaFileException(String file, int line, String detail) {
        super((file == null ? "sa_file" : file) + (line > 0 ? ":" + line : "") + ": " + detail, file, line, detail);
    }
}
