package io.ptp4j.tools.auth;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.ForwardingDriver;
import java.nio.ByteBuffer;

/**
 * Signs every message a port with an spp sends (linuxptp port_prepare_and_send with
 * sad_append_auth_tlv): the message is copied into this driver's own buffer, the AUTHENTICATION
 * TLV appended there (or, for a message a transparent clock forwards with its TLV, signed again),
 * and that goes to the inner driver. Messages of other ports pass unchanged.
 * No allocation per message.
 */
public final class AuthenticatingDriver extends ForwardingDriver {
    /** A message that could not be signed (no room, key gone): the send fails and this says why. */
    @FunctionalInterface
    public interface Failures {
        void cannotSign(int port);
    }

    private final Authenticator auth;
    private final Failures failures;
    private final ByteBuffer signed = ByteBuffer.allocate(2048);

    public AuthenticatingDriver(Driver inner, Authenticator auth, Failures failures) {
        super(inner);
        this.auth = auth;
        this.failures = failures;
    }

    @Override
    public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
        if (!auth.secures(port)) return inner.send(port, buf, offset, length, event, destination);
        if (length > signed.capacity()) {
            failures.cannotSign(port);
            return false;
        }
        signed.put(0, buf, offset, length);
        int n = auth.secure(signed, 0, length, port); // a transparent clock's forwarded message is signed again, not twice
        if (n < 0) {
            failures.cannotSign(port);
            return false;
        }
        return inner.send(port, signed, 0, n, event, destination);
    }
}
