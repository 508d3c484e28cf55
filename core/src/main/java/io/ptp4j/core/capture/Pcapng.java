package io.ptp4j.core.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A small pcapng reader and writer (draft-ietf-opsawg-pcapng): Section Header, Interface
 * Description and Enhanced/Simple Packet blocks; other blocks are skipped. Used by tests,
 * `ptp4j decode` and the Wireshark checks; not on any packet path.
 */
public final class Pcapng {
    private Pcapng() {}

    static final int SHB = 0x0A0D0D0A;
    static final int IDB = 0x00000001;
    static final int SPB = 0x00000003;
    static final int EPB = 0x00000006;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    public static final int LINKTYPE_ETHERNET = 1;

    /** One captured packet: its interface's link type, timestamp in ns since the epoch, and bytes. */
    public record Packet(int number, int linkType, long timestampNanos, byte[] data) {}

    /** Thrown for a file that is not pcapng or is cut short; names the block and offset. */
    public static final class FormatException extends IOException {
        public FormatException(String what, long offset) {
            super("pcapng: " + what + " at offset " + offset);
        }
    }

    /** Reads every packet of a pcapng file held in memory. */
    public static List<Packet> read(byte[] file) throws FormatException {
        ByteBuffer b = ByteBuffer.wrap(file);
        List<Packet> out = new ArrayList<>();
        List<int[]> ifaces = new ArrayList<>(); // {linkType, tsresolPow10 or -pow2}
        int pos = 0;
        int number = 0;
        ByteOrder order = null; // the current section's byte order
        while (pos < file.length) {
            if (pos + 12 > file.length) throw new FormatException("truncated block header", pos);
            b.order(ByteOrder.BIG_ENDIAN);
            int type = b.getInt(pos);
            if (type == SHB) {
                int magic = b.getInt(pos + 8);
                if (magic == BYTE_ORDER_MAGIC) b.order(ByteOrder.BIG_ENDIAN);
                else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) b.order(ByteOrder.LITTLE_ENDIAN);
                else throw new FormatException("bad byte-order magic", pos + 8);
                ifaces.clear();
                order = b.order();
            } else if (order == null) {
                throw new FormatException("not a pcapng file (no section header)", pos);
            }
            b.order(order);
            type = b.getInt(pos);
            int len = b.getInt(pos + 4);
            if (len < 12 || (len & 3) != 0 || pos + len > file.length) throw new FormatException("bad block length " + len, pos + 4);
            switch (type) {
                case IDB -> ifaces.add(new int[] {b.getShort(pos + 8) & 0xFFFF, tsresol(b, pos + 16, pos + len - 4)});
                case EPB -> {
                    int iface = b.getInt(pos + 8);
                    if (iface >= ifaces.size()) throw new FormatException("packet on undeclared interface " + iface, pos + 8);
                    long ts = ((long) b.getInt(pos + 12) << 32) | (b.getInt(pos + 16) & 0xFFFFFFFFL);
                    int capLen = b.getInt(pos + 20);
                    if (capLen < 0 || 28 + capLen > len) throw new FormatException("captured length " + capLen + " past the block", pos + 20);
                    byte[] data = new byte[capLen];
                    b.get(pos + 28, data);
                    int[] ifc = ifaces.get(iface);
                    out.add(new Packet(++number, ifc[0], toNanos(ts, ifc[1]), data));
                }
                case SPB -> {
                    int origLen = b.getInt(pos + 8);
                    int capLen = Math.min(origLen, len - 16);
                    byte[] data = new byte[capLen];
                    b.get(pos + 12, data);
                    out.add(new Packet(++number, ifaces.isEmpty() ? LINKTYPE_ETHERNET : ifaces.get(0)[0], 0, data));
                }
                default -> { }
            }
            pos += len;
        }
        return out;
    }

    /** if_tsresol option (code 9): returns a power of ten (positive) or -power of two. Default 6 (µs). */
    private static int tsresol(ByteBuffer b, int opt, int end) {
        while (opt + 4 <= end) {
            int code = b.getShort(opt) & 0xFFFF;
            int olen = b.getShort(opt + 2) & 0xFFFF;
            if (code == 0) break;
            if (code == 9 && olen >= 1) {
                int v = b.get(opt + 4) & 0xFF;
                return (v & 0x80) != 0 ? -(v & 0x7F) : v;
            }
            opt += 4 + ((olen + 3) & ~3);
        }
        return 6;
    }

    private static long toNanos(long ts, int resol) {
        if (resol >= 0) {
            if (resol == 9) return ts;
            if (resol < 9) return ts * (long) Math.pow(10, 9 - resol);
            return ts / (long) Math.pow(10, resol - 9);
        }
        int pow2 = -resol;
        return (long) (ts / Math.pow(2, pow2) * 1e9);
    }

    /** Writes packets (Ethernet frames) as a pcapng file with nanosecond timestamps. */
    public static void write(OutputStream out, List<Packet> packets) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(SHB).putInt(28).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0).putLong(-1L).putInt(28);
        bytes.write(shb.array());
        ByteBuffer idb = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        idb.putInt(IDB).putInt(32).putShort((short) LINKTYPE_ETHERNET).putShort((short) 0).putInt(0)
                .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]) // if_tsresol = 9 (ns)
                .putShort((short) 0).putShort((short) 0).putInt(32);
        bytes.write(idb.array());
        for (Packet p : packets) {
            int padded = (p.data().length + 3) & ~3;
            int len = 32 + padded;
            ByteBuffer epb = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
            epb.putInt(EPB).putInt(len).putInt(0).putInt((int) (p.timestampNanos() >>> 32)).putInt((int) p.timestampNanos())
                    .putInt(p.data().length).putInt(p.data().length).put(p.data());
            epb.position(28 + padded);
            epb.putInt(len);
            bytes.write(epb.array());
        }
        out.write(bytes.toByteArray());
    }
}
