package io.ptp4j.linux.rtnl;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.Netns;
import io.ptp4j.testkit.NetnsPair;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * rtnetlink link news as linuxptp's rtnl.c reads it: RTM_NEWLINK with IFF_RUNNING, a bond's
 * active slave (IFLA_LINKINFO / IFLA_INFO_DATA / IFLA_BOND_ACTIVE_SLAVE), a team's active port
 * (generic netlink), and a real veth going down and up in a namespace.
 */
class LinkWatchTest {
    /** An RTM_NEWLINK as the kernel sends it, with an optional IFLA_LINKINFO of {@code kind} and bond active slave. */
    static int newLink(ByteBuffer b, int index, int flags, String ifname, String kind, int activeSlave) {
        int start = b.position();
        b.putInt(0).putShort((short) Netlink.RTM_NEWLINK).putShort((short) 0).putInt(0).putInt(0);
        b.put((byte) 0).put((byte) 0).putShort((short) 1).putInt(index).putInt(flags).putInt(0);
        Netlink.putAttribute(b, Netlink.IFLA_IFNAME, (ifname + "\0").getBytes(StandardCharsets.US_ASCII));
        if (kind != null) {
            ByteBuffer info = Netlink.buffer(128);
            Netlink.putAttribute(info, Netlink.IFLA_INFO_KIND, (kind + "\0").getBytes(StandardCharsets.US_ASCII));
            if (activeSlave > 0) {
                ByteBuffer data = Netlink.buffer(64);
                Netlink.putAttribute(data, 1, new byte[] {1}); // IFLA_BOND_MODE
                Netlink.putAttribute(data, Netlink.IFLA_BOND_ACTIVE_SLAVE, Netlink.buffer(4).putInt(activeSlave).array());
                Netlink.putAttribute(info, Netlink.IFLA_INFO_DATA | 0x8000, java.util.Arrays.copyOf(data.array(), data.position()));
            }
            Netlink.putAttribute(b, Netlink.IFLA_LINKINFO | 0x8000, java.util.Arrays.copyOf(info.array(), info.position()));
        }
        b.putInt(start, b.position() - start);
        return b.position();
    }

    record News(int port, boolean up, String label) {}

    @Test
    void runningFlagAndBondActiveSlaveBecomeLinkStatusAndTsLabel() {
        LinkWatch w = LinkWatch.forTest(List.of("bond0", "eth9"), new int[] {7, 9});
        Map<Integer, String> names = Map.of(3, "vB", 4, "vB2");
        List<News> news = new ArrayList<>();
        ByteBuffer b = Netlink.buffer(4096);
        newLink(b, 7, 0x1 | Netlink.IFF_RUNNING, "bond0", "bond", 3);
        newLink(b, 8, Netlink.IFF_RUNNING, "other", null, -1); // not a port: ignored
        newLink(b, 9, 0x1, "eth9", "veth", -1); // up but not running: link down
        int n = b.position();
        w.dispatch(b, n, (p, up, l) -> news.add(new News(p, up, l)), names::get, i -> -1);
        assertEquals(List.of(new News(1, true, "vB"), new News(2, false, "eth9")), news);

        news.clear();
        b.clear();
        n = newLink(b, 7, 0x1 | Netlink.IFF_RUNNING, "bond0", "bond", 4); // failover to vB2
        w.dispatch(b, n, (p, up, l) -> news.add(new News(p, up, l)), names::get, i -> -1);
        assertEquals(List.of(new News(1, true, "vB2")), news);
        assertEquals("vB2", w.tsLabel(1));

        news.clear();
        b.clear();
        n = newLink(b, 7, 0x1 | Netlink.IFF_RUNNING, "bond0", "bond", -1); // no active slave: the label stays
        w.dispatch(b, n, (p, up, l) -> news.add(new News(p, up, l)), names::get, i -> -1);
        assertEquals(List.of(new News(1, true, "vB2")), news);
    }

    @Test
    void aTeamAsksGenericNetlinkForItsActivePort() {
        LinkWatch w = LinkWatch.forTest(List.of("team0"), new int[] {5});
        List<News> news = new ArrayList<>();
        ByteBuffer b = Netlink.buffer(1024);
        int n = newLink(b, 5, Netlink.IFF_RUNNING, "team0", "team", -1);
        w.dispatch(b, n, (p, up, l) -> news.add(new News(p, up, l)), i -> i == 11 ? "eth11" : null, i -> i == 5 ? 11 : -1);
        assertEquals(List.of(new News(1, true, "eth11")), news);
    }

    @Test
    void truncatedMessagesEndTheWalkWithoutThrowing() {
        ByteBuffer b = Netlink.buffer(1024);
        int n = newLink(b, 7, Netlink.IFF_RUNNING, "bond0", "bond", 3);
        List<Integer> seen = new ArrayList<>();
        for (int cut = 0; cut < n; cut++) LinkMessages.parse(b, cut, (i, r, k, s) -> seen.add(i));
        assertEquals(List.of(), seen, "no partial message is reported");
        b.putShort(Netlink.NLMSG_HDRLEN + Netlink.IFINFOMSG_LEN, (short) 2); // an attribute shorter than its header
        LinkMessages.parse(b, n, (i, r, k, s) -> seen.add(i));
        assertEquals(List.of(7), seen, "the message is reported without its attributes");
    }

    @Test
    void teamOptionsAnswerIsReadAsLinuxptpDoes() {
        ByteBuffer b = Netlink.buffer(1024);
        int family = 0x1c;
        Netlink.putHeader(b, family, 0, 1);
        b.put((byte) TeamActivePort.TEAM_CMD_OPTIONS_GET).put((byte) 1).putShort((short) 0);
        Netlink.putAttribute(b, TeamActivePort.TEAM_ATTR_TEAM_IFINDEX, Netlink.buffer(4).putInt(5).array());
        ByteBuffer list = Netlink.buffer(512);
        Netlink.putAttribute(list, TeamActivePort.TEAM_ATTR_ITEM_OPTION | 0x8000, option("mode", TeamActivePort.NLA_STRING, "activebackup\0".getBytes()));
        Netlink.putAttribute(list, TeamActivePort.TEAM_ATTR_ITEM_OPTION | 0x8000, option("activeport", TeamActivePort.NLA_U32, Netlink.buffer(4).putInt(11).array()));
        Netlink.putAttribute(b, TeamActivePort.TEAM_ATTR_LIST_OPTION | 0x8000, java.util.Arrays.copyOf(list.array(), list.position()));
        Netlink.finish(b);
        TeamActivePort.Options o = TeamActivePort.options(b, b.limit(), family, 5);
        assertEquals(new TeamActivePort.Options("activebackup", 11), o);
        assertNull(TeamActivePort.options(b, b.limit(), family, 6), "another team's answer");
    }

    private static byte[] option(String name, int type, byte[] data) {
        ByteBuffer o = Netlink.buffer(128);
        Netlink.putAttribute(o, TeamActivePort.TEAM_ATTR_OPTION_NAME, (name + "\0").getBytes());
        Netlink.putAttribute(o, TeamActivePort.TEAM_ATTR_OPTION_TYPE, new byte[] {(byte) type});
        Netlink.putAttribute(o, TeamActivePort.TEAM_ATTR_OPTION_DATA, data);
        return java.util.Arrays.copyOf(o.array(), o.position());
    }

    @Test
    @Tag("interop")
    void aVethGoingDownAndUpIsSeenOnBothEnds() throws Exception {
        try (NetnsPair net = NetnsPair.create();
                LinkWatch b = Netns.call(net.nsB(), () -> LinkWatch.open(List.of(NetnsPair.IF_B)));
                LinkWatch a = Netns.call(net.nsA(), () -> LinkWatch.open(List.of(NetnsPair.IF_A)))) {
            b.queryAll();
            a.queryAll();
            assertEquals(new News(1, true, NetnsPair.IF_B), await(b));
            assertEquals(new News(1, true, NetnsPair.IF_A), await(a));
            net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_B, "down");
            assertEquals(new News(1, false, NetnsPair.IF_B), await(b), "the interface set down");
            assertEquals(new News(1, false, NetnsPair.IF_A), await(a), "its peer loses carrier");
            net.exec(net.nsB(), Duration.ofSeconds(5), "ip", "link", "set", NetnsPair.IF_B, "up");
            assertEquals(new News(1, true, NetnsPair.IF_B), awaitUp(b));
            assertEquals(new News(1, true, NetnsPair.IF_A), awaitUp(a));
        }
    }

    /** The last news within 2 s of the first one that comes. */
    private static News await(LinkWatch w) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        List<News> got = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            w.drain((p, up, l) -> got.add(new News(p, up, l)));
            if (!got.isEmpty()) {
                Thread.sleep(50);
                w.drain((p, up, l) -> got.add(new News(p, up, l)));
                return got.get(got.size() - 1);
            }
            Thread.sleep(10);
        }
        fail("no link news within 2 s");
        return null;
    }

    /** Waits for news saying the link is running (a veth's carrier comes a little after IFF_UP). */
    private static News awaitUp(LinkWatch w) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            News n = await(w);
            if (n.up()) return n;
        }
        fail("link not running within 3 s");
        return null;
    }
}
