package io.ptp4j.linux.rtnl;

import java.nio.ByteBuffer;

/**
 * Parses an rtnetlink datagram for link news (linuxptp rtnl.c rtnl_link_status): each
 * RTM_NEWLINK says one interface's index, whether it is running (IFF_RUNNING, which linuxptp
 * takes as "link up"), and for a bond its active slave (IFLA_LINKINFO: kind "bond",
 * IFLA_BOND_ACTIVE_SLAVE). A malformed or truncated message ends the walk; nothing is thrown.
 */
public final class LinkMessages {
    private LinkMessages() {}

    /** One RTM_NEWLINK. */
    @FunctionalInterface
    public interface Consumer {
        /**
         * @param ifIndex     the interface
         * @param running     IFF_RUNNING
         * @param kind        IFLA_INFO_KIND ("bond", "team", "veth", ...), or null
         * @param activeSlave a bond's IFLA_BOND_ACTIVE_SLAVE, else -1
         */
        void link(int ifIndex, boolean running, String kind, int activeSlave);
    }

    /** Walks the {@code length} bytes of {@code b} (host byte order) from 0. */
    public static void parse(ByteBuffer b, int length, Consumer out) {
        int at = 0;
        while (at + Netlink.NLMSG_HDRLEN <= length) {
            int len = b.getInt(at);
            int type = b.getShort(at + 4) & 0xFFFF;
            if (len < Netlink.NLMSG_HDRLEN || at + len > length) return; // NLMSG_OK fails
            if (type == Netlink.RTM_NEWLINK && len >= Netlink.NLMSG_HDRLEN + Netlink.IFINFOMSG_LEN) {
                int info = at + Netlink.NLMSG_HDRLEN;
                int index = b.getInt(info + 4);
                boolean running = (b.getInt(info + 8) & Netlink.IFF_RUNNING) != 0;
                int attrs = info + Netlink.IFINFOMSG_LEN, end = at + len;
                String kind = null;
                int slave = -1;
                int linkinfo = Netlink.find(b, attrs, end, Netlink.IFLA_LINKINFO);
                if (linkinfo >= 0) {
                    int liEnd = linkinfo + Netlink.payloadLength(b, linkinfo);
                    int k = Netlink.find(b, linkinfo, liEnd, Netlink.IFLA_INFO_KIND);
                    if (k >= 0) kind = Netlink.string(b, k);
                    int data = Netlink.find(b, linkinfo, liEnd, Netlink.IFLA_INFO_DATA);
                    if ("bond".equals(kind) && data >= 0) {
                        int a = Netlink.find(b, data, data + Netlink.payloadLength(b, data), Netlink.IFLA_BOND_ACTIVE_SLAVE);
                        if (a >= 0) slave = (int) Netlink.u32(b, a);
                    }
                }
                out.link(index, running, kind, slave);
            }
            at += Netlink.align(len);
        }
    }

    /** An RTM_GETLINK request for {@code ifIndex} (linuxptp rtnl_link_query), into {@code b}, flipped. */
    public static void getLink(ByteBuffer b, int ifIndex, int seq) {
        Netlink.putHeader(b, Netlink.RTM_GETLINK, Netlink.NLM_F_REQUEST, seq);
        b.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(ifIndex).putInt(0).putInt(0xFFFFFFFF);
        Netlink.finish(b);
    }
}
