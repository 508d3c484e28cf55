package io.ptp4j.core.port;

/**
 * One entry of a port's unicast master table, as a client negotiates with it (IEEE 1588-2019
 * 16.1; linuxptp unicast_client.c and unicast_fsm.c). First the client asks for Announce; once the
 * BMCA selects this master it asks for Sync (and Delay_Resp with E2E); grants are renewed at
 * three quarters of their duration.
 */
final class UnicastMaster {
    enum State {
        /** No Announce granted yet: ask every logQueryInterval. */
        WAIT,
        /** Announce granted; not (yet) the selected master. */
        HAVE_ANN,
        /** Selected by the BMCA: ask for Sync (and Delay_Resp). */
        NEED_SYDY,
        /** Sync (and Delay_Resp) granted. */
        HAVE_SYDY
    }

    final String text;
    final long address;
    State state = State.WAIT;
    /** Bit (1 << messageType) for every message type granted. */
    int granted;
    /** The master's port identity, learnt from its first grant (all ones until then). */
    long clockIdentity = -1L;
    int portNumber = 0xFFFF;
    /** Engine time at which to renew, or Long.MAX_VALUE when nothing is due. */
    long renewalAt = Long.MAX_VALUE;

    UnicastMaster(String text, long address) {
        this.text = text;
        this.address = address;
    }

    /** unicast_fsm: a grant of Announce. */
    void grantAnnounce() {
        if (state == State.WAIT) state = State.HAVE_ANN;
    }

    /** The BMCA chose this master (true) or another one (false); returns true when Sync grants were dropped. */
    boolean selected(boolean yes) {
        if (yes) {
            if (state == State.HAVE_ANN) state = State.NEED_SYDY;
            return false;
        }
        boolean hadSydy = state == State.HAVE_SYDY;
        if (state == State.NEED_SYDY || state == State.HAVE_SYDY) state = State.HAVE_ANN;
        return hadSydy;
    }

    /** The master cancelled, or denied: start over. */
    void cancelled() {
        state = State.WAIT;
        granted = 0;
        renewalAt = Long.MAX_VALUE;
    }

    /** Renew at 3/4 of the shortest grant (linuxptp unicast_client_set_renewal). */
    void renewAfter(long now, long durationSeconds) {
        long at = now + durationSeconds * 3 / 4 * 1_000_000_000L;
        if (renewalAt == Long.MAX_VALUE || at < renewalAt) renewalAt = at;
    }
}
