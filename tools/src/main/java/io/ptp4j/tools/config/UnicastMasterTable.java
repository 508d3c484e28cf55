package io.ptp4j.tools.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One [unicast_master_table] section (linuxptp config.c): a table_id, the logQueryInterval for
 * unicast negotiation (IEEE 1588-2019 16.1), an optional peer_address and the master addresses.
 */
public final class UnicastMasterTable {
    /** A master address, with the transport named as in the file (UDPv4, UDPv6, L2). */
    public record Entry(String transport, String address) {}

    private final int tableId;
    private int logQueryInterval;
    private String peerAddress;
    private final List<Entry> entries = new ArrayList<>();

    UnicastMasterTable(int tableId) {
        this.tableId = tableId;
    }

    public int tableId() {
        return tableId;
    }

    public int logQueryInterval() {
        return logQueryInterval;
    }

    /** The peer_address (for P2P over unicast), or null. */
    public String peerAddress() {
        return peerAddress;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    void logQueryInterval(int v) {
        logQueryInterval = v;
    }

    void peerAddress(String v) {
        peerAddress = v;
    }

    void add(Entry e) {
        entries.add(e);
    }
}
