package io.ptp4j.core.engine;

/**
 * The settings of one PTP port, named after linuxptp's per-port config keys (camelCase) with
 * linuxptp's defaults: the portDS members (IEEE 1588-2019 8.2.15), the delay mechanism, unicast,
 * and the profile switches linuxptp reads from an interface's own section. A field is a key;
 * {@link #copy()} copies by construction (see {@link Settings}).
 */
public final class PortConfig extends Settings<PortConfig> {
    // portDS (8.2.15)
    public int logAnnounceInterval = 1;
    public int logSyncInterval = 0;
    public int logMinDelayReqInterval = 0;
    public int logMinPdelayReqInterval = 0;
    public int announceReceiptTimeout = 3;
    /** syncReceiptTimeout: that many sync intervals without a Sync is an announce receipt timeout (0 off). */
    public int syncReceiptTimeout = 0;
    public DelayMechanism delayMechanism = DelayMechanism.E2E;
    /** transportSpecific (majorSdoId): 1 for 802.1AS. */
    public int transportSpecific = 0;
    public long delayAsymmetryNanos = 0;
    public long neighborPropDelayThreshNanos = 20_000_000;
    /** follow_up_info: 802.1AS FOLLOW_UP information TLV (and the gPTP asCapable rules with P2P). */
    public boolean followUpInfo = false;
    /** masterOnly / serverOnly: never SLAVE (foreign masters are ignored). */
    public boolean serverOnly = false;
    /** G.8275.portDS.localPriority: given to every foreign master heard on this port (telecom profiles). */
    public int localPriority = 128;
    /** ingressLatency: ns taken off every receive timestamp (the PHY's delay after the stamp point). */
    public long ingressLatencyNanos = 0;
    /** egressLatency: ns added to every transmit timestamp. */
    public long egressLatencyNanos = 0;
    /** ignore_transport_specific: accept any transportSpecific (majorSdoId) nibble. */
    public boolean ignoreTransportSpecific = false;
    /** min_neighbor_prop_delay (ns): a gPTP port whose peer delay is below this is not asCapable. */
    public long minNeighborPropDelayNanos = -20_000_000;
    /** allowedLostResponses: Pdelay responses that may go missing in a row before asCapable drops. */
    public int allowedLostResponses = 3;
    /** delay_response_timeout: Delay_Reqs in a row without a Delay_Resp before a synchronization fault (0 off). */
    public int delayResponseTimeout = 0;
    /** fault_reset_interval: a fault lasts 2^N s; -128 (linuxptp FRI_ASAP, "ASAP") clears it at once. */
    public int faultResetInterval = 4;
    /** fault_badpeernet_interval: a bad peer network fault lasts N s (0: cleared at once). */
    public int faultBadpeernetInterval = 16;

    // Unicast (IEEE 1588-2019 16.1 negotiation; linuxptp unicast_client.c, unicast_service.c)
    /** unicast_listen: grant unicast Announce/Sync/Delay_Resp to clients that ask. */
    public boolean unicastListen = false;
    /** inhibit_multicast_service: a master sends only what it granted, no multicast Announce/Sync. */
    public boolean inhibitMulticastService = false;
    /** hybrid_e2e: multicast Sync, unicast Delay_Req/Delay_Resp with the master's address. */
    public boolean hybridE2e = false;
    /** unicast_req_duration: seconds a client asks each grant to last. */
    public int unicastReqDuration = 3600;
    /** The unicast master table's addresses of this port's transport, or null for none. */
    public String[] unicastMasters = null;
    /** The table's logQueryInterval (log2 s between requests while waiting). */
    public int unicastLogQueryInterval = 2;

    // Automotive profile (linuxptp configs/automotive-*.cfg; port.c, designated_fsm.c, bmc.c)
    /** BMCA noop: designated state machines, serverOnly ports are MASTER and clientOnly ones SLAVE. */
    public boolean bmcaNoop = false;
    /** inhibit_announce: no Announce sent, no announce receipt timeout armed. */
    public boolean inhibitAnnounce = false;
    /** ignore_source_id: Sync, Follow_Up and Delay_Resp are taken whatever their sourcePortIdentity. */
    public boolean ignoreSourceId = false;
    /** inhibit_delay_req: no Delay_Req and no Pdelay_Req sent (linuxptp needs asCapable true). */
    public boolean inhibitDelayReq = false;
    /** asCapable true (linuxptp ALWAYS_CAPABLE); false is linuxptp's "auto". */
    public boolean alwaysAsCapable = false;
    /** msg_interval_request: once LOCKED_STABLE ask the master for operLogSyncInterval (802.1AS 10.6.4.3). */
    public boolean msgIntervalRequest = false;
    public int operLogSyncInterval = 0;
    public int operLogPdelayReqInterval = 0;

    // IEEE C37.238 power profile (linuxptp 4.4 power_profile.*): the TLV every Announce carries
    /** power_profile.version: 0 none, 1 the 2011 edition, 2 the 2017 edition. */
    public int powerProfileVersion = 0;
    public int powerProfileGrandmasterId = 0;
    /** power_profile.2011.grandmasterTimeInaccuracy (ns; linuxptp's default -1 is 0xFFFFFFFF). */
    public long powerProfileGrandmasterTimeInaccuracy = 0xFFFFFFFFL;
    public long powerProfileNetworkTimeInaccuracy = 0xFFFFFFFFL;
    public long powerProfileTotalTimeInaccuracy = 0xFFFFFFFFL;

    /** net_sync_monitor: answer NetSync Monitor requests (a unicast Delay_Req with PTPMON_REQ, hybrid_e2e). */
    public boolean netSyncMonitor = false;

    /**
     * The announce receipt timeout at {@code logAnnounceInterval}: announceReceiptTimeout
     * intervals and a random part of one more (linuxptp set_tmo_random).
     */
    public long announceReceiptNanos(int logAnnounceInterval, java.util.SplittableRandom random) {
        long iv = intervalNanos(logAnnounceInterval);
        return announceReceiptTimeout * iv + (long) (random.nextDouble() * iv);
    }

    /** 2^log seconds in nanoseconds (a message interval from its log2), log clamped to +-30. */
    public static long intervalNanos(int log) {
        return log >= 0 ? 1_000_000_000L << Math.min(log, 30) : 1_000_000_000L >> Math.min(-log, 30);
    }
}
