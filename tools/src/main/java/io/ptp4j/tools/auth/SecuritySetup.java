package io.ptp4j.tools.auth;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.auth.SaFileException;
import io.ptp4j.core.auth.SecurityAssociations;
import io.ptp4j.tools.config.PtpConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Authentication settings of a linuxptp configuration, checked as linuxptp 4.4 checks them when
 * it opens its ports (sad_create, sad_readiness_check, port_open): the {@code sa_file} is read
 * and parsed, and every port's {@code spp} and {@code active_key_id} (port sections fall back to
 * [global]) must name an association and one of its keys; port 0, the management socket, takes
 * the global values as linuxptp's UDS port does. A port with an spp needs ptp_minor_version 1 and
 * two-step timestamps.
 */
public final class SecuritySetup {
    private SecuritySetup() {}

    /** What is wrong, as the lines linuxptp prints (each names the file and line, or the port). */
    public static final class Failure extends Exception {
        private final List<String> lines;

        Failure(List<String> lines) {
            super(String.join("\n", lines));
            this.lines = List.copyOf(lines);
        }

        public List<String> lines() {
            return lines;
        }
    }

    /** The associations of the sa_file key, or null when none is set. */
    public static SecurityAssociations saFile(PtpConfig c) throws Failure {
        String path = c.getString("sa_file");
        if (path == null || path.isEmpty()) return null;
        String text;
        try {
            text = Files.readString(Path.of(path), StandardCharsets.ISO_8859_1); // key octets as written
        } catch (NoSuchFileException e) {
            throw new Failure(List.of("failed to open sa_file " + path + ": No such file or directory"));
        } catch (IOException e) {
            throw new Failure(List.of("failed to open sa_file " + path + ": " + e.getMessage()));
        }
        try {
            return SaFile.parse(path, text);
        } catch (SaFileException e) {
            throw new Failure(List.of(e.getMessage()));
        }
    }

    /**
     * ptp4l's authenticator: ports 1..n are {@code ifaces}, port 0 the management socket. Null
     * when no port has an spp (nothing to sign or check).
     */
    public static Authenticator forPtp4l(PtpConfig c, List<String> ifaces) throws Failure {
        SecurityAssociations sad = saFile(c);
        Authenticator auth = new Authenticator(sad, ifaces.size());
        boolean any = false;
        List<String> errors = new ArrayList<>();
        for (int p = 0; p <= ifaces.size(); p++) {
            String section = p == 0 ? null : ifaces.get(p - 1);
            String name = p == 0 ? "port 0 (" + c.getString("uds_address") + ")" : "port " + p + " (" + section + ")";
            int spp = c.getInt(section, "spp");
            long key = c.getUnsigned(section, "active_key_id");
            String why = SecurityAssociations.readiness(sad, sad != null, spp, key);
            if (why != null) {
                errors.add(why);
                errors.add(name + ": security readiness check failed");
                continue;
            }
            if (spp < 0) continue;
            String ts = c.getEnum("time_stamping");
            if (p > 0 && (ts.equals("onestep") || ts.equals("p2p1step"))) {
                errors.add(name + ": spp not supported on one-step ports");
                continue;
            }
            if (c.getInt("ptp_minor_version") < 1) {
                errors.add(name + ": spp needs at least PTPv2.1");
                continue;
            }
            auth.port(p, spp, key);
            any = true;
        }
        if (!errors.isEmpty()) throw new Failure(errors);
        return any ? auth : null;
    }

    /** pmc's: its one port (0) with the global spp and active_key_id; null without an spp. */
    public static Authenticator forPmc(PtpConfig c) throws Failure {
        SecurityAssociations sad = saFile(c);
        int spp = c.getInt("spp");
        long key = c.getUnsigned(null, "active_key_id");
        String why = SecurityAssociations.readiness(sad, sad != null, spp, key);
        if (why != null) throw new Failure(List.of(why));
        return spp < 0 ? null : new Authenticator(sad, 0).port(0, spp, key);
    }
}
