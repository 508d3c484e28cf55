package io.ptp4j.core.management;

import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.PortIdentity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes and encodes the dataField of a MANAGEMENT TLV by its {@link ManagementId#layout}: the
 * fields in order, as a map from the standard's (or linuxptp's) field name to a value (Long for
 * integers, PortIdentity, Long clock identity, String for PTPText, byte[] for raw octets).
 * Management is not a per-packet path, so values are objects here.
 */
public final class ManagementData {
    private ManagementData() {}

    /** A quality field decodes into three entries: name.clockClass, name.clockAccuracy, name.offsetScaledLogVariance. */
    public static Map<String, Object> decode(ManagementId id, ByteBuffer buf, int offset, int length) throws DecodeException {
        Map<String, Object> out = new LinkedHashMap<>();
        // The caller validated the TLV; still never read past the buffer itself.
        int at = offset, end = Math.min(offset + length, buf.limit());
        if (id.layout.isEmpty()) return out;
        for (String field : id.layout.split(";\\s*")) {
            String[] p = field.trim().split("\\s+");
            String type = p[0], name = p[1];
            int need = size(type, buf, at, end);
            if (need < 0 || at + need > end) {
                throw new DecodeException(id + "." + name, at, "needs " + Math.max(need, 1) + " bytes, " + (end - at) + " left in the data field");
            }
            switch (type) {
                case "u8" -> out.put(name, (long) (buf.get(at) & 0xFF));
                case "i8" -> out.put(name, (long) buf.get(at));
                case "u16" -> out.put(name, (long) (buf.getShort(at) & 0xFFFF));
                case "i16" -> out.put(name, (long) buf.getShort(at));
                case "u32" -> out.put(name, buf.getInt(at) & 0xFFFFFFFFL);
                case "i32" -> out.put(name, (long) buf.getInt(at));
                case "u64", "i64" -> out.put(name, buf.getLong(at));
                case "clockid" -> out.put(name, buf.getLong(at));
                case "portid" -> out.put(name, new PortIdentity(buf.getLong(at), buf.getShort(at + 8) & 0xFFFF));
                case "quality" -> {
                    out.put(name + ".clockClass", (long) (buf.get(at) & 0xFF));
                    out.put(name + ".clockAccuracy", (long) (buf.get(at + 1) & 0xFF));
                    out.put(name + ".offsetScaledLogVariance", (long) (buf.getShort(at + 2) & 0xFFFF));
                }
                case "text" -> {
                    byte[] b = new byte[buf.get(at) & 0xFF];
                    buf.get(at + 1, b);
                    out.put(name, new String(b, StandardCharsets.UTF_8));
                }
                default -> { // ts, scaledns, bytesN, rest: raw
                    byte[] b = new byte[need];
                    buf.get(at, b);
                    out.put(name, b);
                }
            }
            at += need;
        }
        return out;
    }

    /** Encodes {@code values} by the layout at {@code offset}; returns the length written (not padded). */
    public static int encode(ManagementId id, Map<String, Object> values, ByteBuffer buf, int offset) {
        int at = offset;
        if (id.layout.isEmpty()) return 0;
        for (String field : id.layout.split(";\\s*")) {
            String[] p = field.trim().split("\\s+");
            String type = p[0], name = p[1];
            Object v = values.get(name);
            switch (type) {
                case "u8", "i8" -> buf.put(at++, (byte) num(v));
                case "u16", "i16" -> {
                    buf.putShort(at, (short) num(v));
                    at += 2;
                }
                case "u32", "i32" -> {
                    buf.putInt(at, (int) num(v));
                    at += 4;
                }
                case "u64", "i64", "clockid" -> {
                    buf.putLong(at, num(v));
                    at += 8;
                }
                case "portid" -> {
                    PortIdentity pi = v == null ? new PortIdentity(0, 0) : (PortIdentity) v;
                    buf.putLong(at, pi.clockIdentity()).putShort(at + 8, (short) pi.portNumber());
                    at += 10;
                }
                case "quality" -> {
                    buf.put(at, (byte) num(values.get(name + ".clockClass")));
                    buf.put(at + 1, (byte) num(values.get(name + ".clockAccuracy")));
                    buf.putShort(at + 2, (short) num(values.get(name + ".offsetScaledLogVariance")));
                    at += 4;
                }
                case "text" -> {
                    byte[] b = PtpText.octets(v); // never more than the length octet can say
                    buf.put(at, (byte) b.length);
                    buf.put(at + 1, b);
                    at += 1 + b.length;
                }
                default -> {
                    byte[] b = v == null ? new byte[fixedRaw(type)] : (byte[]) v;
                    buf.put(at, b);
                    at += b.length;
                }
            }
        }
        return at - offset;
    }

    /** Octets {@link #encode} writes for {@code values} (not padded), so a caller can check the room first. */
    public static int encodedLength(ManagementId id, Map<String, Object> values) {
        int n = 0;
        if (id.layout.isEmpty()) return 0;
        for (String field : id.layout.split(";\\s*")) {
            String[] p = field.trim().split("\\s+");
            String type = p[0], name = p[1];
            Object v = values.get(name);
            n += switch (type) {
                case "u8", "i8" -> 1;
                case "u16", "i16" -> 2;
                case "u32", "i32" -> 4;
                case "u64", "i64", "clockid" -> 8;
                case "portid" -> 10;
                case "quality" -> 4;
                case "text" -> 1 + PtpText.octets(v).length;
                default -> v == null ? fixedRaw(type) : ((byte[]) v).length;
            };
        }
        return n;
    }

    private static long num(Object v) {
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static int fixedRaw(String type) {
        return switch (type) {
            case "ts" -> 10;
            case "scaledns" -> 12;
            case "rest" -> 0;
            default -> Integer.parseInt(type.substring(5));
        };
    }

    /** Octets a field takes at {@code at}; -1 when a length prefix runs past the end. */
    private static int size(String type, ByteBuffer buf, int at, int end) {
        return switch (type) {
            case "u8", "i8" -> 1;
            case "u16", "i16" -> 2;
            case "u32", "i32" -> 4;
            case "u64", "i64", "clockid" -> 8;
            case "portid", "ts" -> 10;
            case "quality" -> 4;
            case "scaledns" -> 12;
            case "text" -> at < end ? 1 + (buf.get(at) & 0xFF) : -1;
            case "rest" -> end - at;
            default -> Integer.parseInt(type.substring(5));
        };
    }

    /** A clock identity value in linuxptp's text form. */
    public static String clockId(Object v) {
        return ClockIdentity.format(((Number) v).longValue());
    }
}
