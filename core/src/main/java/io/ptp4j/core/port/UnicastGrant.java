package io.ptp4j.core.port;

/**
 * What a master granted one client (IEEE 1588-2019 16.1.2; linuxptp unicast_service.c): unicast
 * Announce and/or Sync at the requested rate until the grant expires. Delay_Resp grants need no
 * state: every unicast Delay_Req is answered to its sender.
 */
final class UnicastGrant {
    long address;
    long clockIdentity;
    int portNumber;
    int announceLog, syncLog;
    long announceUntil = Long.MIN_VALUE, syncUntil = Long.MIN_VALUE;
    long nextAnnounce = Long.MAX_VALUE, nextSync = Long.MAX_VALUE;
    int announceSeq, syncSeq;

    boolean expired(long now) {
        return announceUntil < now && syncUntil < now;
    }

    long nextDue() {
        return Math.min(nextAnnounce, nextSync);
    }
}
