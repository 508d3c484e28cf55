package io.ptp4j.tools.auth;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sa_file, spp and active_key_id as ptp4l and pmc read them: which port signs with which key,
 * per-interface sections over [global], and the refusals linuxptp 4.4 prints at start.
 */
class SecuritySetupTest {
    static final String SA = """
            [security_association]
            spp 1
            1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            2 SHA256 32 HEX:EE91D469B3A8ADC6AC8EB28E21794C706E08FDE48863828A7B0281AFCA81B17D
            """;

    @TempDir Path dir;

    PtpConfig config(String text) throws Exception {
        Path sa = dir.resolve("sa.cfg");
        Files.writeString(sa, SA);
        PtpConfig c = new PtpConfig();
        ConfigReader.read("ptp4l.cfg", text.replace("@SA@", sa.toString()), c);
        return c;
    }

    @Test
    void eachPortSignsWithItsSectionsKey() throws Exception {
        PtpConfig c = config("""
                [global]
                sa_file @SA@
                spp 1
                active_key_id 1
                ptp_minor_version 1
                [eth0]
                [eth1]
                active_key_id 2
                """);
        Authenticator a = SecuritySetup.forPtp4l(c, List.of("eth0", "eth1"));
        assertNotNull(a);
        assertTrue(a.secures(0), "the management port takes [global]");
        assertEquals(Authenticator.TLV_OVERHEAD + 16, a.overhead(1)); // SHA256-128
        assertEquals(Authenticator.TLV_OVERHEAD + 32, a.overhead(2)); // SHA256, the section's key
    }

    @Test
    void withoutAnSppNothingIsSigned() throws Exception {
        assertNull(SecuritySetup.forPtp4l(config("[global]\nsa_file @SA@\n[eth0]\n"), List.of("eth0")));
        assertNull(SecuritySetup.forPmc(config("[global]\nsa_file @SA@\n")));
    }

    @Test
    void refusalsNameThePortAndTheCause() throws Exception {
        SecuritySetup.Failure f = assertThrows(SecuritySetup.Failure.class, () -> SecuritySetup.forPtp4l(config("""
                [global]
                sa_file @SA@
                spp 1
                active_key_id 7
                ptp_minor_version 1
                [eth0]
                """), List.of("eth0")));
        assertTrue(f.lines().stream().anyMatch(l -> l.equals("port 1 (eth0): security readiness check failed")), f.lines().toString());
        f = assertThrows(SecuritySetup.Failure.class, () -> SecuritySetup.forPtp4l(config("""
                [global]
                sa_file @SA@
                spp 1
                active_key_id 1
                ptp_minor_version 0
                [eth0]
                """), List.of("eth0")));
        assertTrue(f.lines().contains("port 1 (eth0): spp needs at least PTPv2.1"), f.lines().toString());
        f = assertThrows(SecuritySetup.Failure.class, () -> SecuritySetup.forPmc(config("[global]\nsa_file " + dir.resolve("missing") + "\nspp 1\nactive_key_id 1\n")));
        assertEquals(List.of("failed to open sa_file " + dir.resolve("missing") + ": No such file or directory"), f.lines());
    }

    @Test
    void pmcSignsWithTheGlobalKey() throws Exception {
        Authenticator a = SecuritySetup.forPmc(config("[global]\nsa_file @SA@\nspp 1\nactive_key_id 2\n"));
        assertEquals(Authenticator.TLV_OVERHEAD + 32, a.overhead(0));
    }
}
