package io.ptp4j.tools.pmc;

import io.ptp4j.tools.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * One management message as pmc shows it: linuxptp's header line ("\tSOURCE seq N ACTION TLV ID ")
 * and the fields, each with linuxptp's label (padding included) and printed value, plus a typed
 * value for --json. A Signaling message (the slave event monitor's) has "SIGNALING" for its action
 * and its TLVs in {@link #signalingTlvs}.
 */
public final class PmcResponse {
    /** One printed field: {@code label} is linuxptp's, spaces included ("priority1 "). */
    public record Field(String label, String text, Object json) {
        public String name() {
            return label.trim();
        }
    }

    public String source = "";
    public int sequenceId;
    public String action = "";
    /** "MANAGEMENT", "MANAGEMENT_ERROR_STATUS", "unknown-tlv", or null (not exactly one TLV). */
    public String tlv;
    /** The managementId's name when pmc prints one (known id with data), else null. */
    public String idName;
    /** The managementId (also for errors), -1 when there is none. */
    public int managementId = -1;
    public boolean emptyTlv;
    /** For MANAGEMENT_ERROR_STATUS: the error's name (NOT_SUPPORTED, ...). */
    public String error;
    public final List<Field> fields = new ArrayList<>();

    /**
     * A slave event monitor TLV as pmc shows it: its name, the parent's sourcePortIdentity and the
     * fields of each record.
     */
    public record SignalingTlv(String name, String sourcePortIdentity, List<List<Field>> records) {}

    /** A Signaling message, not a management one. */
    public boolean signaling;
    /** Its SLAVE_RX_SYNC_TIMING_DATA and SLAVE_DELAY_TIMING_DATA_NP TLVs, in order. */
    public final List<SignalingTlv> signalingTlvs = new ArrayList<>();

    /** pmc_show_signaling's labels: the name, padded to 27 columns. */
    static String signalingLabel(String name) {
        return String.format("%-27s", name);
    }

    void add(String label, String text, Object json) {
        fields.add(new Field(label, text, json));
    }

    /** linuxptp pmc_show's text, ending in a newline. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append('\t').append(source).append(" seq ").append(sequenceId).append(' ').append(action).append(' ');
        if (tlv != null) {
            b.append(tlv).append(' ');
            if (emptyTlv) b.append("empty-tlv ");
            if (idName != null) b.append(idName).append(' ');
            lines(b, fields);
        }
        for (SignalingTlv t : signalingTlvs) {
            b.append(t.name()).append(" N ").append(t.records().size()).append(' ');
            b.append("\n\t\t").append(signalingLabel("sourcePortIdentity")).append(t.sourcePortIdentity());
            for (List<Field> rec : t.records()) lines(b, rec);
        }
        return b.append('\n').toString();
    }

    /** pmc's "\n\t\tlabel value" per field. */
    private static void lines(StringBuilder b, List<Field> fields) {
        for (Field f : fields) b.append("\n\t\t").append(f.label()).append(f.text());
    }

    /** One JSON object on one line (no trailing newline). */
    public String json() {
        if (signaling) return signalingJson();
        StringBuilder b = new StringBuilder("{");
        Json.member(b, "source", source).append(',');
        Json.member(b, "sequenceId", sequenceId).append(',');
        Json.member(b, "action", action);
        if (tlv != null) Json.member(b.append(','), "tlv", tlv);
        if (managementId >= 0) {
            Json.member(b.append(','), "managementId", idName != null ? idName : PmcCommands.nameOf(managementId));
        }
        if (error != null) Json.member(b.append(','), "error", error);
        if (emptyTlv) Json.member(b.append(','), "empty", true);
        if (!fields.isEmpty()) {
            b.append(",\"data\":{");
            boolean first = true, table = false;
            for (Field f : fields) {
                if (f.name().isEmpty()) {
                    table = true;
                    continue;
                }
                if (!first) b.append(',');
                first = false;
                Json.member(b, f.name(), f.json());
            }
            if (table) { // UNICAST_MASTER_TABLE_NP: the header line and one line per entry, as printed
                b.append(first ? "" : ",").append("\"table\":[");
                boolean firstRow = true;
                for (Field f : fields) {
                    if (!f.name().isEmpty()) continue;
                    if (!firstRow) b.append(',');
                    firstRow = false;
                    Json.value(b, f.text());
                }
                b.append(']');
            }
            b.append('}');
        }
        return b.append('}').toString();
    }

    /**
     * A Signaling message: source, sequenceId, "messageType":"SIGNALING" and "tlvs", each with its
     * name ("tlv"), sourcePortIdentity and "records" (objects of the printed fields: numbers as
     * numbers, timestamps as the printed "seconds.nanoseconds" strings).
     */
    private String signalingJson() {
        StringBuilder b = new StringBuilder("{");
        Json.member(b, "source", source).append(',');
        Json.member(b, "sequenceId", sequenceId).append(',');
        Json.member(b, "messageType", "SIGNALING").append(",\"tlvs\":[");
        for (int i = 0; i < signalingTlvs.size(); i++) {
            SignalingTlv t = signalingTlvs.get(i);
            if (i > 0) b.append(',');
            Json.member(b.append('{'), "tlv", t.name()).append(',');
            Json.member(b, "sourcePortIdentity", t.sourcePortIdentity()).append(",\"records\":[");
            for (int j = 0; j < t.records().size(); j++) {
                if (j > 0) b.append(',');
                b.append('{');
                boolean first = true;
                for (Field f : t.records().get(j)) {
                    if (!first) b.append(',');
                    first = false;
                    Json.member(b, f.name(), f.json());
                }
                b.append('}');
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }
}
