package io.ptp4j.tools.bound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.tools.auth.AuthenticatingNode;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.obs.CountingNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ptp4l puts layers around its engine (metrics counting, authentication, bound publishing); a
 * link going down must still reach the ports through every one of them, or the port never goes
 * FAULTY (a merge once lost it in three layers at once).
 */
class LayersForwardLinkStatusTest {
    static final class Engine implements PtpNode {
        final List<String> links = new ArrayList<>();

        public void start(long now) {}

        public void onReceive(int port, ByteBuffer buf, int offset, int length, long rxTs, long source, long now) {}

        public void onTxTimestamp(int port, int type, int seq, long ts, long now) {}

        public void onLinkStatus(int port, boolean up, String tsLabel, long now) {
            links.add(port + (up ? " up " : " down ") + tsLabel);
        }

        public void onTimer(long now) {}

        public long nextTimerNanos() {
            return Long.MAX_VALUE;
        }
    }

    @Test
    void everyLayerHandsLinkEventsOn() {
        List<UnaryOperator<PtpNode>> layers = List.of(
                n -> new CountingNode(n, new PtpMetrics("ptp4l", 2)),
                n -> new AuthenticatingNode(n, new Authenticator(null, 2), (p, why) -> {}),
                n -> new TickingNode(n, null));
        for (UnaryOperator<PtpNode> layer : layers) {
            Engine e = new Engine();
            PtpNode outer = layer.apply(e);
            outer.onLinkStatus(1, false, null, 5);
            outer.onLinkStatus(1, true, "eth2", 6);
            assertEquals(List.of("1 down null", "1 up eth2"), e.links, outer.getClass().getSimpleName());
        }
    }
}
