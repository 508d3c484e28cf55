package io.ptp4j.tools.decode;

import io.ptp4j.tools.json.Json;
import io.ptp4j.core.capture.Framing;
import io.ptp4j.core.capture.Pcapng;
import io.ptp4j.core.wire.ClockIdentity;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.DecodedMessage;
import io.ptp4j.core.wire.DecodedMessage.AnnounceBody;
import io.ptp4j.core.wire.DecodedMessage.ManagementBody;
import io.ptp4j.core.wire.DecodedMessage.PdelayReqBody;
import io.ptp4j.core.wire.DecodedMessage.ResponseBody;
import io.ptp4j.core.wire.DecodedMessage.SignalingBody;
import io.ptp4j.core.wire.DecodedMessage.TimestampBody;
import io.ptp4j.core.wire.PtpMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ptp4j decode FILE.pcapng [--json]}: one line (or one JSON object) per PTP message of a
 * capture. Packets that do not decode are printed as such and counted; the command goes on.
 */
public final class DecodeCommand {
    private DecodeCommand() {}

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        String file = null;
        for (String a : args) {
            switch (a) {
                case "--json" -> json = true;
                case "-h", "--help" -> {
                    out.println("usage: ptp4j decode FILE.pcapng [--json]");
                    return 0;
                }
                default -> {
                    if (a.startsWith("-")) {
                        err.println("decode: unknown option '" + a + "'");
                        return 2;
                    }
                    if (file != null) {
                        err.println("decode: one capture file at a time");
                        return 2;
                    }
                    file = a;
                }
            }
        }
        if (file == null) {
            err.println("usage: ptp4j decode FILE.pcapng [--json]");
            return 2;
        }
        List<Pcapng.Packet> packets;
        try {
            packets = Pcapng.read(Files.readAllBytes(Path.of(file)));
        } catch (NoSuchFileException e) {
            err.println("decode: " + file + ": no such file");
            return 1;
        } catch (IOException e) {
            err.println("decode: " + file + ": " + e.getMessage());
            return 1;
        }
        int ptp = 0, bad = 0;
        long first = packets.isEmpty() ? 0 : packets.get(0).timestampNanos();
        for (Pcapng.Packet p : packets) {
            Framing.Located loc = Framing.locate(p.data());
            if (loc == null) continue;
            ptp++;
            double t = (p.timestampNanos() - first) / 1e9;
            try {
                DecodedMessage m = DecodedMessage.decode(ByteBuffer.wrap(p.data()), loc.offset(), loc.length());
                out.println(json ? json(p, t, loc, m) : line(t, loc, m));
            } catch (DecodeException e) {
                bad++;
                if (json) {
                    out.printf("{\"frame\":%d,\"time\":%.9f,\"error\":\"%s\",\"field\":\"%s\",\"offset\":%d}%n",
                            p.number(), t, Json.escaped(e.getMessage()), Json.escaped(e.field()), e.offset());
                } else {
                    out.printf("%12.9f frame %d decode error: %s%n", t, p.number(), e.getMessage());
                }
            }
        }
        err.printf("decode: %d packets, %d PTP messages, %d that did not decode%n", packets.size(), ptp, bad);
        return 0;
    }

    static String line(double t, Framing.Located loc, DecodedMessage m) {
        DecodedMessage.Header h = m.header();
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format("%12.9f %-5s %s -> %s %s seq %d domain %d src %s", t, loc.transport(), loc.source(),
                loc.destination(), h.type(), h.sequenceId(), h.domainNumber(), h.sourcePortIdentity()));
        if ((h.flags() & PtpMessage.FLAG_TWO_STEP) != 0) sb.append(" two-step");
        if ((h.flags() & PtpMessage.FLAG_UNICAST) != 0) sb.append(" unicast");
        if (h.majorSdoId() != 0) sb.append(" sdo ").append(h.majorSdoId());
        if (h.correctionField() != 0) sb.append(String.format(" corr %.3f", h.correctionNanos()));
        sb.append(" interval ").append(h.logMessageInterval());
        switch (m.body()) {
            case TimestampBody b -> sb.append(' ').append(h.type().name().equals("FOLLOW_UP") ? "precise " : "origin ").append(b.timestamp());
            case PdelayReqBody b -> sb.append(" origin ").append(b.originTimestamp());
            case ResponseBody b -> sb.append(" ts ").append(b.timestamp()).append(" req ").append(b.requestingPortIdentity());
            case AnnounceBody b -> sb.append(String.format(" gm %s p1 %d class %d acc 0x%02x var 0x%04x p2 %d steps %d utc %d src 0x%02x",
                    ClockIdentity.format(b.grandmasterIdentity()), b.grandmasterPriority1(), b.grandmasterClockQuality().clockClass(),
                    b.grandmasterClockQuality().clockAccuracy(), b.grandmasterClockQuality().offsetScaledLogVariance(),
                    b.grandmasterPriority2(), b.stepsRemoved(), b.currentUtcOffset(), b.timeSource()));
            case SignalingBody b -> sb.append(" target ").append(b.targetPortIdentity());
            case ManagementBody b -> sb.append(" target ").append(b.targetPortIdentity()).append(" action ")
                    .append(action(b.actionField())).append(" hops ").append(b.boundaryHops()).append('/').append(b.startingBoundaryHops());
        }
        for (DecodedMessage.Tlv tlv : m.tlvs()) {
            sb.append(" [").append(tlv.name());
            if (tlv.type() == 1 && tlv.value().length >= 2) {
                int id = ((tlv.value()[0] & 0xFF) << 8) | (tlv.value()[1] & 0xFF);
                io.ptp4j.core.management.ManagementId mid = io.ptp4j.core.management.ManagementId.of(id);
                sb.append(String.format(" id 0x%04x", id));
                if (mid != null) sb.append(' ').append(mid.name());
            }
            sb.append(" len ").append(tlv.value().length).append(']');
        }
        return sb.toString();
    }

    static String action(int a) {
        return switch (a) {
            case 0 -> "GET";
            case 1 -> "SET";
            case 2 -> "RESPONSE";
            case 3 -> "COMMAND";
            case 4 -> "ACKNOWLEDGE";
            default -> "RESERVED_" + a;
        };
    }

    static String json(Pcapng.Packet p, double t, Framing.Located loc, DecodedMessage m) {
        DecodedMessage.Header h = m.header();
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"frame\":").append(p.number()).append(",\"time\":").append(String.format("%.9f", t))
                .append(",\"transport\":\"").append(loc.transport()).append("\",\"src\":\"").append(Json.escaped(loc.source()))
                .append("\",\"dst\":\"").append(Json.escaped(loc.destination())).append("\",\"type\":\"").append(h.type())
                .append("\",\"majorSdoId\":").append(h.majorSdoId()).append(",\"version\":\"").append(h.version()).append('.').append(h.minorVersion())
                .append("\",\"length\":").append(h.messageLength()).append(",\"domain\":").append(h.domainNumber())
                .append(",\"flags\":").append(h.flags()).append(",\"correctionNs\":").append(h.correctionNanos())
                .append(",\"source\":\"").append(h.sourcePortIdentity()).append("\",\"sequenceId\":").append(h.sequenceId())
                .append(",\"logMessageInterval\":").append(h.logMessageInterval());
        switch (m.body()) {
            case TimestampBody b -> sb.append(",\"timestamp\":\"").append(b.timestamp()).append('"');
            case PdelayReqBody b -> sb.append(",\"timestamp\":\"").append(b.originTimestamp()).append('"');
            case ResponseBody b -> sb.append(",\"timestamp\":\"").append(b.timestamp()).append("\",\"requestingPort\":\"")
                    .append(b.requestingPortIdentity()).append('"');
            case AnnounceBody b -> sb.append(",\"grandmaster\":\"").append(ClockIdentity.format(b.grandmasterIdentity()))
                    .append("\",\"priority1\":").append(b.grandmasterPriority1()).append(",\"clockClass\":")
                    .append(b.grandmasterClockQuality().clockClass()).append(",\"clockAccuracy\":").append(b.grandmasterClockQuality().clockAccuracy())
                    .append(",\"offsetScaledLogVariance\":").append(b.grandmasterClockQuality().offsetScaledLogVariance())
                    .append(",\"priority2\":").append(b.grandmasterPriority2()).append(",\"stepsRemoved\":").append(b.stepsRemoved())
                    .append(",\"currentUtcOffset\":").append(b.currentUtcOffset()).append(",\"timeSource\":").append(b.timeSource());
            case SignalingBody b -> sb.append(",\"target\":\"").append(b.targetPortIdentity()).append('"');
            case ManagementBody b -> sb.append(",\"target\":\"").append(b.targetPortIdentity()).append("\",\"action\":\"")
                    .append(action(b.actionField())).append("\",\"boundaryHops\":").append(b.boundaryHops());
        }
        sb.append(",\"tlvs\":[");
        for (int i = 0; i < m.tlvs().size(); i++) {
            DecodedMessage.Tlv tlv = m.tlvs().get(i);
            if (i > 0) sb.append(',');
            sb.append("{\"type\":\"").append(tlv.name()).append("\",\"length\":").append(tlv.value().length).append('}');
        }
        return sb.append("]}").toString();
    }
}
