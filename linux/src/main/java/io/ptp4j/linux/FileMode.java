package io.ptp4j.linux;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A chmod mode as Java's permission set: the modes the config gives for files ptp4j creates
 * (uds_file_mode, uds_ro_file_mode, the ClockBound segment's mode). Only the nine rwx bits count.
 */
public final class FileMode {
    /** chmod's bits from the lowest up (o+x, o+w, o+r, g+x, ...). */
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private FileMode() {}

    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> p = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) if ((mode & (1 << i)) != 0) p.add(BITS[i]);
        return p;
    }
}
