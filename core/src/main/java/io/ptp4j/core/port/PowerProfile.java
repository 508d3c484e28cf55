package io.ptp4j.core.port;

import io.ptp4j.core.engine.PortConfig;
import io.ptp4j.core.wire.PowerProfileTlv;
import io.ptp4j.core.wire.PtpMessage;

/**
 * A port's IEEE C37.238 power profile settings (linuxptp 4.4 struct ieee_c37_238_settings_np:
 * the {@code power_profile.*} keys, changed at run time by POWER_PROFILE_SETTINGS_NP) and the TLV
 * they put into every Announce the port sends: none, the 2011 edition or the 2017 edition.
 */
public final class PowerProfile {
    public static final int VERSION_NONE = 0, VERSION_2011 = 1, VERSION_2017 = 2;

    private int version;
    private int grandmasterId;
    private long grandmasterTimeInaccuracy, networkTimeInaccuracy, totalTimeInaccuracy;

    PowerProfile(PortConfig cfg) {
        set(cfg.powerProfileVersion, cfg.powerProfileGrandmasterId, cfg.powerProfileGrandmasterTimeInaccuracy,
                cfg.powerProfileNetworkTimeInaccuracy, cfg.powerProfileTotalTimeInaccuracy);
    }

    /** POWER_PROFILE_SETTINGS_NP SET; false (nothing changed) for a version other than 0, 1, 2. */
    public boolean set(int version, int grandmasterId, long gmTimeInaccuracy, long networkTimeInaccuracy, long totalTimeInaccuracy) {
        if (version < VERSION_NONE || version > VERSION_2017) return false;
        this.version = version;
        this.grandmasterId = grandmasterId & 0xFFFF;
        this.grandmasterTimeInaccuracy = gmTimeInaccuracy & 0xFFFFFFFFL;
        this.networkTimeInaccuracy = networkTimeInaccuracy & 0xFFFFFFFFL;
        this.totalTimeInaccuracy = totalTimeInaccuracy & 0xFFFFFFFFL;
        return true;
    }

    /** linuxptp ieee_c37_238_append: the edition's TLV, or nothing with version none. */
    void appendTo(PtpMessage announce) {
        switch (version) {
            case VERSION_2011 -> PowerProfileTlv.append2011(announce, grandmasterId, grandmasterTimeInaccuracy, networkTimeInaccuracy);
            case VERSION_2017 -> PowerProfileTlv.append2017(announce, grandmasterId, totalTimeInaccuracy);
            default -> { }
        }
    }

    public int version() {
        return version;
    }

    public int grandmasterId() {
        return grandmasterId;
    }

    public long grandmasterTimeInaccuracy() {
        return grandmasterTimeInaccuracy;
    }

    public long networkTimeInaccuracy() {
        return networkTimeInaccuracy;
    }

    public long totalTimeInaccuracy() {
        return totalTimeInaccuracy;
    }
}
