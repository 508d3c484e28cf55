package io.ptp4j.tools.pmc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.management.ManagementId;
import io.ptp4j.core.management.ManagementRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** allow_unauth as linuxptp 4.4's pmc reads it (pmc.8; pmc_common.c pmc_recv). */
class PmcAuthenticationTest {
    static Authenticator keyed(String secret) throws Exception {
        return new Authenticator(SaFile.parse("sa", "spp 1\n2 SHA256-128 ASCII:" + secret + "\n"), 0).port(0, 1, 2);
    }

    final ByteBuffer b = ByteBuffer.allocate(512);
    final ManagementRequest rq = new ManagementRequest();
    final List<String> notices = new ArrayList<>();

    int message(int action, Authenticator signer) {
        int n = rq.encode(b, 1, action, ManagementId.PRIORITY1.id, new byte[] {1, 0});
        return signer == null ? n : signer.sign(b, 0, n, 0);
    }

    boolean admits(int allowUnauth, int n) throws Exception {
        return PmcClient.admits(keyed("right"), allowUnauth, b, n, notices::add);
    }

    @Test
    void allowUnauthAsLinuxptp() throws Exception {
        // 0: everything must verify
        assertTrue(admits(0, message(ManagementRequest.RESPONSE, keyed("right"))));
        assertFalse(admits(0, message(ManagementRequest.RESPONSE, null)));
        assertFalse(admits(0, message(ManagementRequest.RESPONSE, keyed("wrong"))));
        // 1: a RESPONSE (or SIGNALING) without any AUTHENTICATION TLV is taken; one with a bad TLV is not; nor other actions
        assertTrue(admits(1, message(ManagementRequest.RESPONSE, null)));
        assertFalse(admits(1, message(ManagementRequest.RESPONSE, keyed("wrong"))));
        assertFalse(admits(1, message(ManagementRequest.GET, null)));
        assertEquals(List.of("auth: bad message", "auth: bad message", "auth: bad message", "auth: bad message"), notices);
        notices.clear();
        // 2: whatever fails is taken, with linuxptp's notice
        assertTrue(admits(2, message(ManagementRequest.RESPONSE, keyed("wrong"))));
        assertTrue(admits(2, message(ManagementRequest.GET, null)));
        assertEquals(List.of("auth failed but allow_unauth set", "auth failed but allow_unauth set"), notices);
    }
}
