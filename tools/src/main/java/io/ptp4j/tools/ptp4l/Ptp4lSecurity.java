package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.clock.PtpClock;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.tools.auth.AuthenticatingDriver;
import io.ptp4j.tools.auth.AuthenticatingNode;
import io.ptp4j.tools.log.LinuxptpLogListener;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.obs.FanoutListener;
import java.util.List;

/**
 * How ptp4l puts authentication (docs/security.md) around its engine, each step a no-op without
 * an spp: outgoing messages signed on their way to the sockets, incoming ones checked before the
 * engine sees them (dropped ones counted in the metrics and logged, rate-limited, as linuxptp's
 * "auth: bad message"), the replay window moved by the engine's state changes and its parent.
 */
final class Ptp4lSecurity {
    private Ptp4lSecurity() {}

    static Driver signing(Driver driver, Authenticator auth, EngineListener log) {
        if (auth == null) return driver;
        return new AuthenticatingDriver(driver, auth, port -> {
            if (log instanceof LinuxptpLogListener l) l.portError(port, "send failed: the AUTHENTICATION TLV does not fit or the key is gone");
        });
    }

    /** {@code engine}: the ordinary or boundary clock inside {@code node}'s layers, null for a transparent clock. */
    static PtpNode checking(PtpNode node, PtpClock engine, Authenticator auth, EngineListener log, PtpMetrics metrics) {
        if (auth == null) return node;
        if (engine instanceof PtpClock pc) {
            auth.trackParent(() -> pc.parentDS().parentClockIdentity(), () -> pc.parentDS().parentPortNumber());
        } else {
            auth.windowFromEngine(); // a transparent clock synchronizes to nothing: its window never moves, as linuxptp's
        }
        return new AuthenticatingNode(node, auth, (port, why) -> {
            if (metrics != null) metrics.authRejected(port, why); // null: no metrics_port, nothing to count into
            if (why != AuthResult.NO_ASSOCIATION && log instanceof LinuxptpLogListener l) l.authFailed(port, why);
        });
    }

    static EngineListener tracking(EngineListener listener, Authenticator auth) {
        return auth == null ? listener : FanoutListener.of(List.of(listener, auth.sequenceTracker()));
    }
}
