package io.ptp4j.linux.rtnl;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The active port of a team device (linuxptp rtnl.c get_team_active_iface): a generic netlink
 * request to the "team" family for the team's options, whose "activeport" is the interface that
 * carries (and timestamps) the traffic. Only the activebackup mode has one; another mode is
 * linuxptp's "team supported only in activebackup mode".
 */
public final class TeamActivePort {
    static final String TEAM_GENL_NAME = "team";
    static final int TEAM_GENL_VERSION = 1;
    static final int TEAM_CMD_OPTIONS_GET = 2;
    static final int TEAM_ATTR_TEAM_IFINDEX = 1, TEAM_ATTR_LIST_OPTION = 2;
    static final int TEAM_ATTR_ITEM_OPTION = 1;
    static final int TEAM_ATTR_OPTION_NAME = 1, TEAM_ATTR_OPTION_TYPE = 3, TEAM_ATTR_OPTION_DATA = 4;
    static final int NLA_U32 = 3, NLA_STRING = 5;
    private static final int WAIT_MILLIS = 200;

    private TeamActivePort() {}

    /** What the team's option list says: its mode and active port (-1: none, or not activebackup). */
    record Options(String mode, int activePort) {}

    /** The team {@code teamIndex}'s active port index, or -1 (no answer, no team driver, another mode). */
    public static int query(int teamIndex) {
        try (NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_GENERIC, 0)) {
            ByteBuffer req = Netlink.buffer(256);
            byte[] name = (TEAM_GENL_NAME + "\0").getBytes(StandardCharsets.US_ASCII);
            genlRequest(req, Netlink.GENL_ID_CTRL, Netlink.CTRL_CMD_GETFAMILY, 1, Netlink.CTRL_ATTR_FAMILY_NAME, name);
            s.send(req);
            int len = await(s);
            if (len < 0) return -1;
            int family = familyId(s.data(), len);
            if (family < 0) return -1;
            byte[] index = Netlink.buffer(4).putInt(teamIndex).array();
            genlRequest(req, family, TEAM_CMD_OPTIONS_GET, TEAM_GENL_VERSION, TEAM_ATTR_TEAM_IFINDEX, index);
            s.send(req);
            len = await(s);
            if (len < 0) return -1;
            Options o = options(s.data(), len, family, teamIndex);
            return o == null || !"activebackup".equals(o.mode()) ? -1 : o.activePort();
        } catch (NativeException e) {
            return -1;
        }
    }

    private static int await(NetlinkSocket s) throws NativeException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment pfd = a.allocate(Libc.POLLFD_SIZE, 8);
            pfd.set(ValueLayout.JAVA_INT, 0, s.fd());
            pfd.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            if (Libc.poll(pfd, 1, WAIT_MILLIS) <= 0) return -1;
        }
        return s.receive();
    }

    static void genlRequest(ByteBuffer b, int family, int cmd, int version, int attr, byte[] data) {
        Netlink.putHeader(b, family, Netlink.NLM_F_REQUEST, 1);
        b.put((byte) cmd).put((byte) version).putShort((short) 0);
        Netlink.putAttribute(b, attr, data);
        Netlink.finish(b);
    }

    /** CTRL_CMD_GETFAMILY's answer: the family id, or -1 (an NLMSG_ERROR: no such family). */
    static int familyId(ByteBuffer b, int length) {
        if (length < Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN) return -1;
        int len = b.getInt(0);
        int type = b.getShort(4) & 0xFFFF;
        if (type == Netlink.NLMSG_ERROR || len > length) return -1;
        int id = Netlink.find(b, Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN, len, Netlink.CTRL_ATTR_FAMILY_ID);
        return id < 0 || Netlink.payloadLength(b, id) < 2 ? -1 : b.getShort(id) & 0xFFFF;
    }

    /** TEAM_CMD_OPTIONS_GET's answer for {@code teamIndex}, or null. */
    static Options options(ByteBuffer b, int length, int family, int teamIndex) {
        int at = 0;
        while (at + Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN <= length) {
            int len = b.getInt(at);
            if (len < Netlink.NLMSG_HDRLEN || at + len > length) return null;
            int type = b.getShort(at + 4) & 0xFFFF;
            int cmd = b.get(at + Netlink.NLMSG_HDRLEN) & 0xFF;
            int attrs = at + Netlink.NLMSG_HDRLEN + Netlink.GENL_HDRLEN, end = at + len;
            if (type == family && cmd == TEAM_CMD_OPTIONS_GET) {
                int idx = Netlink.find(b, attrs, end, TEAM_ATTR_TEAM_IFINDEX);
                int list = Netlink.find(b, attrs, end, TEAM_ATTR_LIST_OPTION);
                if ((idx < 0 || Netlink.u32(b, idx) == teamIndex) && list >= 0) return listOptions(b, list, list + Netlink.payloadLength(b, list));
            }
            at += Netlink.align(len);
        }
        return null;
    }

    /** linuxptp parse_team_list_option: the "mode" string and the "activeport" u32 among the items. */
    private static Options listOptions(ByteBuffer b, int from, int to) {
        String mode = "";
        int active = -1;
        int at = from;
        while (at + Netlink.RTA_HDRLEN <= to) {
            int len = b.getShort(at) & 0xFFFF;
            if (len < Netlink.RTA_HDRLEN || at + len > to) break;
            int item = at + Netlink.RTA_HDRLEN, itemEnd = at + len;
            int n = Netlink.find(b, item, itemEnd, TEAM_ATTR_OPTION_NAME);
            int t = Netlink.find(b, item, itemEnd, TEAM_ATTR_OPTION_TYPE);
            int d = Netlink.find(b, item, itemEnd, TEAM_ATTR_OPTION_DATA);
            String name = n < 0 ? "" : Netlink.string(b, n);
            int type = t < 0 ? -1 : b.get(t) & 0xFF;
            if (name.equals("mode") && type == NLA_STRING && d >= 0) mode = Netlink.string(b, d);
            if (name.equals("activeport") && type == NLA_U32 && d >= 0) active = (int) Netlink.u32(b, d);
            at += Netlink.align(len);
        }
        return new Options(mode, active);
    }
}
