package io.ptp4j.core.management;

/**
 * Every managementId of IEEE 1588-2019 Table 59 and linuxptp's implementation-specific ones
 * (tlv.h), with the actions linuxptp's pmc offers for it and the layout of its dataField.
 *
 * <p>Layouts are written as {@code type name; type name; ...} with the types
 * u8 i8 u16 i16 u32 i32 u64 i64 (big-endian), clockid (8 octets), portid (PortIdentity, 10),
 * quality (ClockQuality, 4), ts (Timestamp, 10), scaledns (ScaledNs, 12), text (PTPText),
 * bytesN (N raw octets) and rest (all remaining octets, raw). An empty layout means no data.
 */
public enum ManagementId {
    NULL_MANAGEMENT(0x0000, "GSC", ""),
    CLOCK_DESCRIPTION(0x0001, "G", "u16 clockType; text physicalLayerProtocol; u16 physicalAddressLength; rest physicalAddressAndMore"),
    USER_DESCRIPTION(0x0002, "GS", "text userDescription"),
    SAVE_IN_NON_VOLATILE_STORAGE(0x0003, "C", ""),
    RESET_NON_VOLATILE_STORAGE(0x0004, "C", ""),
    INITIALIZE(0x0005, "C", "u16 initializationKey"),
    FAULT_LOG(0x0006, "G", "rest faultRecords"),
    FAULT_LOG_RESET(0x0007, "C", ""),
    DEFAULT_DATA_SET(0x2000, "G", "u8 flags; u8 reserved1; u16 numberPorts; u8 priority1; quality clockQuality; u8 priority2; clockid clockIdentity; u8 domainNumber; u8 reserved2"),
    CURRENT_DATA_SET(0x2001, "G", "u16 stepsRemoved; i64 offsetFromMaster; i64 meanPathDelay"),
    PARENT_DATA_SET(0x2002, "G", "portid parentPortIdentity; u8 parentStats; u8 reserved; u16 observedParentOffsetScaledLogVariance; i32 observedParentClockPhaseChangeRate; u8 grandmasterPriority1; quality grandmasterClockQuality; u8 grandmasterPriority2; clockid grandmasterIdentity"),
    TIME_PROPERTIES_DATA_SET(0x2003, "G", "i16 currentUtcOffset; u8 flags; u8 timeSource"),
    PORT_DATA_SET(0x2004, "G", "portid portIdentity; u8 portState; i8 logMinDelayReqInterval; i64 peerMeanPathDelay; i8 logAnnounceInterval; u8 announceReceiptTimeout; i8 logSyncInterval; u8 delayMechanism; i8 logMinPdelayReqInterval; u8 versionNumber"),
    PRIORITY1(0x2005, "GS", "u8 priority1; u8 reserved"),
    PRIORITY2(0x2006, "GS", "u8 priority2; u8 reserved"),
    DOMAIN(0x2007, "GS", "u8 domainNumber; u8 reserved"),
    SLAVE_ONLY(0x2008, "GS", "u8 flags; u8 reserved"),
    LOG_ANNOUNCE_INTERVAL(0x2009, "GS", "i8 logAnnounceInterval; u8 reserved"),
    ANNOUNCE_RECEIPT_TIMEOUT(0x200A, "GS", "u8 announceReceiptTimeout; u8 reserved"),
    LOG_SYNC_INTERVAL(0x200B, "GS", "i8 logSyncInterval; u8 reserved"),
    VERSION_NUMBER(0x200C, "GS", "u8 versionNumber; u8 reserved"),
    ENABLE_PORT(0x200D, "C", ""),
    DISABLE_PORT(0x200E, "C", ""),
    TIME(0x200F, "GS", "ts currentTime"),
    CLOCK_ACCURACY(0x2010, "GS", "u8 clockAccuracy; u8 reserved"),
    UTC_PROPERTIES(0x2011, "GS", "i16 currentUtcOffset; u8 flags; u8 reserved"),
    TRACEABILITY_PROPERTIES(0x2012, "GS", "u8 flags; u8 reserved"),
    TIMESCALE_PROPERTIES(0x2013, "GS", "u8 flags; u8 timeSource"),
    UNICAST_NEGOTIATION_ENABLE(0x2014, "GS", "u8 flags; u8 reserved"),
    PATH_TRACE_LIST(0x2015, "G", "rest pathSequence"),
    PATH_TRACE_ENABLE(0x2016, "GS", "u8 flags; u8 reserved"),
    GRANDMASTER_CLUSTER_TABLE(0x2017, "GS", "rest table"),
    UNICAST_MASTER_TABLE(0x2018, "GS", "rest table"),
    UNICAST_MASTER_MAX_TABLE_SIZE(0x2019, "G", "u16 maxTableSize"),
    ACCEPTABLE_MASTER_TABLE(0x201A, "GS", "rest table"),
    ACCEPTABLE_MASTER_TABLE_ENABLED(0x201B, "GS", "u8 flags; u8 reserved"),
    ACCEPTABLE_MASTER_MAX_TABLE_SIZE(0x201C, "G", "u16 maxTableSize"),
    ALTERNATE_MASTER(0x201D, "GS", "u8 flags; i8 logAlternateMulticastSyncInterval; u8 numberOfAlternateMasters; u8 reserved"),
    ALTERNATE_TIME_OFFSET_ENABLE(0x201E, "GS", "u8 keyField; u8 flags"),
    ALTERNATE_TIME_OFFSET_NAME(0x201F, "GS", "u8 keyField; text displayName"),
    ALTERNATE_TIME_OFFSET_MAX_KEY(0x2020, "G", "u8 maxKey; u8 reserved"),
    ALTERNATE_TIME_OFFSET_PROPERTIES(0x2021, "GS", "u8 keyField; i32 currentOffset; i32 jumpSeconds; bytes6 timeOfNextJump; u8 reserved"),
    EXTERNAL_PORT_CONFIGURATION_ENABLED(0x3000, "GS", "u8 flags; u8 reserved"),
    MASTER_ONLY(0x3001, "GS", "u8 flags; u8 reserved"),
    HOLDOVER_UPGRADE_ENABLE(0x3002, "GS", "u8 flags; u8 reserved"),
    EXT_PORT_CONFIG_PORT_DATA_SET(0x3003, "GS", "u8 acceptableMasterPortDS; u8 desiredState"),
    SLAVE_EVENT_MONITORING(0x3004, "GS", "rest settings"),
    TRANSPARENT_CLOCK_DEFAULT_DATA_SET(0x4000, "G", "clockid clockIdentity; u16 numberPorts; u8 delayMechanism; u8 primaryDomain"),
    TRANSPARENT_CLOCK_PORT_DATA_SET(0x4001, "G", "portid portIdentity; u8 faultyFlag; i8 logMinPdelayReqInterval; i64 peerMeanPathDelay"),
    PRIMARY_DOMAIN(0x4002, "GS", "u8 primaryDomain; u8 reserved"),
    DELAY_MECHANISM(0x6000, "GS", "u8 delayMechanism; u8 reserved"),
    LOG_MIN_PDELAY_REQ_INTERVAL(0x6001, "GS", "i8 logMinPdelayReqInterval; u8 reserved"),
    // linuxptp implementation-specific (tlv.h)
    TIME_STATUS_NP(0xC000, "G", "i64 master_offset; i64 ingress_time; i32 cumulativeScaledRateOffset; i32 scaledLastGmPhaseChange; u16 gmTimeBaseIndicator; scaledns lastGmPhaseChange; i32 gmPresent; clockid gmIdentity"),
    GRANDMASTER_SETTINGS_NP(0xC001, "GS", "quality clockQuality; i16 utc_offset; u8 time_flags; u8 time_source"),
    PORT_DATA_SET_NP(0xC002, "GS", "u32 neighborPropDelayThresh; i32 asCapable"),
    SUBSCRIBE_EVENTS_NP(0xC003, "GS", "u16 duration; bytes64 bitmask"),
    PORT_PROPERTIES_NP(0xC004, "G", "portid portIdentity; u8 port_state; u8 timestamping; text interface"),
    PORT_STATS_NP(0xC005, "G", "portid portIdentity; rest stats"),
    SYNCHRONIZATION_UNCERTAIN_NP(0xC006, "GS", "u8 val; u8 reserved"),
    PORT_SERVICE_STATS_NP(0xC007, "G", "portid portIdentity; rest stats"),
    UNICAST_MASTER_TABLE_NP(0xC008, "G", "u16 actual_table_size; rest table"),
    PORT_HWCLOCK_NP(0xC009, "G", "portid portIdentity; i32 phc_index; u8 flags; u8 reserved"),
    POWER_PROFILE_SETTINGS_NP(0xC00A, "GS", "u16 version; u16 grandmasterID; u32 grandmasterTimeInaccuracy; u32 networkTimeInaccuracy; u32 totalTimeInaccuracy"),
    CMLDS_INFO_NP(0xC00B, "G", "i64 meanLinkDelay; i32 scaledNeighborRateRatio; u32 as_capable"),
    PORT_CORRECTIONS_NP(0xC00C, "GS", "i64 egressLatency; i64 ingressLatency; i64 delayAsymmetry"),
    EXTERNAL_GRANDMASTER_PROPERTIES_NP(0xC00D, "GS", "clockid gmIdentity; u16 stepsRemoved");

    /** The 16-bit managementId. */
    public final int id;
    /** Actions linuxptp's pmc offers: G(ET), S(ET), C(OMMAND). */
    public final String actions;
    /** The dataField layout; see the class comment. */
    public final String layout;

    ManagementId(int id, String actions, String layout) {
        this.id = id;
        this.actions = actions;
        this.layout = layout;
    }

    public boolean allowsGet() {
        return actions.indexOf('G') >= 0;
    }

    public boolean allowsSet() {
        return actions.indexOf('S') >= 0;
    }

    public boolean allowsCommand() {
        return actions.indexOf('C') >= 0;
    }

    /**
     * Whether linuxptp answers this id at the clock level (clock.c clock_manage's list), once per
     * clock, whether ptp4j serves it or not; the others are answered per port.
     */
    public boolean isClockLevel() {
        return switch (this) {
            case USER_DESCRIPTION, SAVE_IN_NON_VOLATILE_STORAGE, RESET_NON_VOLATILE_STORAGE, INITIALIZE, FAULT_LOG, FAULT_LOG_RESET,
                 DEFAULT_DATA_SET, CURRENT_DATA_SET, PARENT_DATA_SET, TIME_PROPERTIES_DATA_SET, PRIORITY1, PRIORITY2, DOMAIN,
                 SLAVE_ONLY, TIME, CLOCK_ACCURACY, UTC_PROPERTIES, TRACEABILITY_PROPERTIES, TIMESCALE_PROPERTIES, PATH_TRACE_LIST,
                 PATH_TRACE_ENABLE, GRANDMASTER_CLUSTER_TABLE, ACCEPTABLE_MASTER_TABLE, ACCEPTABLE_MASTER_MAX_TABLE_SIZE,
                 ALTERNATE_TIME_OFFSET_ENABLE, ALTERNATE_TIME_OFFSET_NAME, ALTERNATE_TIME_OFFSET_MAX_KEY,
                 ALTERNATE_TIME_OFFSET_PROPERTIES, TRANSPARENT_CLOCK_DEFAULT_DATA_SET, PRIMARY_DOMAIN, TIME_STATUS_NP,
                 GRANDMASTER_SETTINGS_NP, SUBSCRIBE_EVENTS_NP, SYNCHRONIZATION_UNCERTAIN_NP, EXTERNAL_GRANDMASTER_PROPERTIES_NP -> true;
            default -> false;
        };
    }

    /** The id for a 16-bit value, or null when the value is none we know. */
    public static ManagementId of(int id) {
        for (ManagementId m : values()) if (m.id == id) return m;
        return null;
    }
}
