package io.ptp4j.tools.auth;

import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.engine.ForwardingNode;
import io.ptp4j.core.engine.PtpNode;
import java.nio.ByteBuffer;

/**
 * Checks every message that arrives on a port with an spp before the engine sees it (linuxptp
 * port_event: sad_process_auth right after the message is parsed): what fails is dropped,
 * counted by the {@link Authenticator} and reported to {@link Rejections} (the daemon logs
 * linuxptp's "auth: bad message", rate-limited). No allocation per message.
 */
public final class AuthenticatingNode extends ForwardingNode {
    /** A dropped message: on which port and why. */
    @FunctionalInterface
    public interface Rejections {
        void rejected(int port, AuthResult why);
    }

    private final Authenticator auth;
    private final Rejections rejections;

    public AuthenticatingNode(PtpNode inner, Authenticator auth, Rejections rejections) {
        super(inner);
        this.auth = auth;
        this.rejections = rejections;
    }

    @Override
    public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTimestampNanos, long source, long nowNanos) {
        AuthResult r = auth.verify(buf, offset, length, port);
        if (!r.accepted()) {
            rejections.rejected(port, r);
            return;
        }
        inner.onReceive(port, buf, offset, length, rxTimestampNanos, source, nowNanos);
    }

}
