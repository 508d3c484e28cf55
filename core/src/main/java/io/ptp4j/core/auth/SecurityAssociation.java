package io.ptp4j.core.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * One security association of the sa_file (IEEE 1588-2019 P.2, 16.14.3; linuxptp 4.4 sad.h): the
 * spp that names it, whether the correctionField is left out of the ICV (allow_mutable, for
 * transparent clocks on the path that do not re-sign), the replay window on Sync and Follow_Up
 * sequenceIds, and its keys by id. Immediate security processing only: no disclosed keys, no
 * sequenceNo or RES fields (linuxptp 4.4 supports none of them either).
 */
public final class SecurityAssociation {
    /** linuxptp's default seqid_window. */
    public static final int DEFAULT_SEQID_WINDOW = 3;
    public static final int MAX_SEQID_WINDOW = 0x7FFF;

    final int spp;
    boolean allowMutable;
    int seqidWindow = DEFAULT_SEQID_WINDOW;
    final List<AuthKey> keys = new ArrayList<>();

    SecurityAssociation(int spp) {
        this.spp = spp;
    }

    public int spp() {
        return spp;
    }

    public boolean allowMutable() {
        return allowMutable;
    }

    public int seqidWindow() {
        return seqidWindow;
    }

    /** The key with that id, or null. */
    public AuthKey key(long id) {
        for (AuthKey k : keys) if (k.id == id) return k;
        return null;
    }

    public List<AuthKey> keys() {
        return List.copyOf(keys);
    }
}
