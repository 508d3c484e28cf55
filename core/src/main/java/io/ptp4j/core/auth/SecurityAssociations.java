package io.ptp4j.core.auth;

import java.util.ArrayList;
import java.util.List;

/** The security association database an sa_file describes: at most one association per spp (0 to 255). */
public final class SecurityAssociations {
    private final SecurityAssociation[] bySpp = new SecurityAssociation[256];

    SecurityAssociations() {}

    /** The association with that spp, or null. */
    public SecurityAssociation get(int spp) {
        return spp < 0 || spp > 255 ? null : bySpp[spp];
    }

    public boolean isEmpty() {
        for (SecurityAssociation sa : bySpp) if (sa != null) return false;
        return true;
    }

    public List<SecurityAssociation> all() {
        List<SecurityAssociation> l = new ArrayList<>();
        for (SecurityAssociation sa : bySpp) if (sa != null) l.add(sa);
        return l;
    }

    boolean add(SecurityAssociation sa) {
        if (bySpp[sa.spp] != null) return false;
        bySpp[sa.spp] = sa;
        return true;
    }

    /**
     * linuxptp's sad_readiness_check for one port (or pmc): null when {@code spp} and
     * {@code activeKeyId} can work with these associations, else linuxptp's words for why not.
     * {@code saFile} is whether an sa_file was given at all.
     */
    public static String readiness(SecurityAssociations sad, boolean saFile, int spp, long activeKeyId) {
        if (spp < 0 && activeKeyId < 1) return null;
        if (spp >= 0) {
            if (!saFile || sad == null) return "sa_file required when spp set";
            if (sad.isEmpty()) return "spp set but sad is empty";
            SecurityAssociation sa = sad.get(spp);
            if (sa == null) return "spp set but sa " + spp + " not defined";
            if (activeKeyId < 1) return "active_key_id required when spp set";
            if (sa.key(activeKeyId) == null) return "sa " + spp + ": active_key_id set but key " + activeKeyId + " not defined";
            return null;
        }
        return "spp required when active_key_id set";
    }
}
