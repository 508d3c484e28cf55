package io.ptp4j.linux.rtnl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Netlink framing (linux/netlink.h, linux/rtnetlink.h, linux/genetlink.h): messages and their
 * attributes, in host byte order, each length checked before it is read. Only what ptp4j's link
 * monitoring needs: RTM_NEWLINK and its IFLA_LINKINFO, and generic netlink for the team driver.
 */
final class Netlink {
    private Netlink() {}

    static final int AF_NETLINK = 16;
    static final int NETLINK_ROUTE = 0, NETLINK_GENERIC = 16;
    /** rtnetlink multicast group of link changes (RTMGRP_LINK = 1 << (RTNLGRP_LINK - 1)). */
    static final int RTMGRP_LINK = 1;
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 1;
    static final int RTM_NEWLINK = 16, RTM_GETLINK = 18;
    /** struct ifinfomsg: family, pad, type, index, flags, change. */
    static final int IFINFOMSG_LEN = 16;
    static final int IFF_RUNNING = 0x40;
    static final int IFLA_IFNAME = 3, IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    static final int IFLA_BOND_ACTIVE_SLAVE = 2;
    static final int RTA_HDRLEN = 4;
    /** NLA_F_NESTED and NLA_F_NET_BYTEORDER are flags on the type, not part of it. */
    static final int NLA_TYPE_MASK = 0x3FFF;
    /** Generic netlink: the controller, and struct genlmsghdr (cmd, version, reserved). */
    static final int GENL_ID_CTRL = 0x10, GENL_HDRLEN = 4;
    static final int CTRL_CMD_GETFAMILY = 3, CTRL_ATTR_FAMILY_ID = 1, CTRL_ATTR_FAMILY_NAME = 2;

    static int align(int len) {
        return (len + 3) & ~3;
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }

    /**
     * The attribute of {@code type} among those in [{@code from}, {@code to}) of {@code b}: the
     * offset of its payload, or -1. The payload's length is {@link #payloadLength}.
     */
    static int find(ByteBuffer b, int from, int to, int type) {
        int at = from;
        while (at + RTA_HDRLEN <= to) {
            int len = b.getShort(at) & 0xFFFF;
            if (len < RTA_HDRLEN || at + len > to) return -1; // truncated: stop, as RTA_OK does
            if ((b.getShort(at + 2) & NLA_TYPE_MASK) == type) return at + RTA_HDRLEN;
            at += align(len);
        }
        return -1;
    }

    /** The payload length of the attribute whose payload starts at {@code payload}. */
    static int payloadLength(ByteBuffer b, int payload) {
        return (b.getShort(payload - RTA_HDRLEN) & 0xFFFF) - RTA_HDRLEN;
    }

    /** A NUL-terminated string payload. */
    static String string(ByteBuffer b, int payload) {
        int len = payloadLength(b, payload);
        StringBuilder s = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = b.get(payload + i) & 0xFF;
            if (c == 0) break;
            s.append((char) c);
        }
        return s.toString();
    }

    /** A u32 payload, or -1 when it is shorter than four bytes. */
    static long u32(ByteBuffer b, int payload) {
        return payloadLength(b, payload) < 4 ? -1 : b.getInt(payload) & 0xFFFFFFFFL;
    }

    /** Appends an attribute with {@code data} to a message being built at {@code b}'s position. */
    static void putAttribute(ByteBuffer b, int type, byte[] data) {
        int start = b.position();
        b.putShort((short) (RTA_HDRLEN + data.length)).putShort((short) type).put(data);
        while (b.position() < start + align(RTA_HDRLEN + data.length)) b.put((byte) 0);
    }

    /** Starts a message: header with its length patched by {@link #finish}. */
    static void putHeader(ByteBuffer b, int type, int flags, int seq) {
        b.clear();
        b.putInt(0).putShort((short) type).putShort((short) flags).putInt(seq).putInt(0);
    }

    static void finish(ByteBuffer b) {
        b.putInt(0, b.position());
        b.flip();
    }
}
