package io.ptp4j.tools.bound;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.engine.Driver;
import io.ptp4j.core.engine.PtpNode;
import io.ptp4j.tools.auth.AuthenticatingDriver;
import io.ptp4j.tools.auth.AuthenticatingNode;
import io.ptp4j.tools.obs.CountingDriver;
import io.ptp4j.tools.metrics.PtpMetrics;
import io.ptp4j.tools.obs.CountingNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ptp4l puts layers around its engine (metrics counting, authentication, bound publishing) and
 * between it and the machine (counting, signing). A link going down must still reach the ports
 * through every one of them, or the port never goes FAULTY; a leap second, the TAI offset and a
 * phase must still reach the clock. (Layers once lost both: link events in three node layers, leap
 * and phase in the signing driver.)
 */
class LayersForwardTest {
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

    static final class Machine implements Driver {
        final List<String> calls = new ArrayList<>();

        public boolean send(int port, ByteBuffer buf, int offset, int length, boolean event, long destination) {
            calls.add("send " + port);
            return true;
        }

        public long clockTimeNanos() {
            return 7;
        }

        public void adjustFrequency(double ppb) {
            calls.add("freq " + ppb);
        }

        public double currentFrequencyPpb() {
            return 12.5;
        }

        public void stepClock(long deltaNanos) {
            calls.add("step " + deltaNanos);
        }

        public int armLeap(int leap) {
            calls.add("leap " + leap);
            return 0;
        }

        public void setTaiOffset(int seconds) {
            calls.add("tai " + seconds);
        }

        public boolean adjustPhase(long offsetNanos) {
            calls.add("phase " + offsetNanos);
            return true;
        }

        public boolean switchClock(int port) {
            calls.add("switch " + port);
            return true;
        }

        public long resolveUnicast(int port, String address) {
            return 42;
        }
    }

    @Test
    void everyDriverLayerHandsClockCallsOn() {
        List<UnaryOperator<Driver>> layers = List.of(
                d -> new CountingDriver(d, new PtpMetrics("ptp4l", 2)),
                d -> new AuthenticatingDriver(d, new Authenticator(null, 2), p -> {}));
        for (UnaryOperator<Driver> layer : layers) {
            Machine m = new Machine();
            Driver outer = layer.apply(m);
            String name = outer.getClass().getSimpleName();
            assertTrue(outer.send(1, ByteBuffer.allocate(44), 0, 44, true, Driver.MULTICAST), name);
            outer.adjustFrequency(3.0);
            outer.stepClock(-5);
            assertEquals(0, outer.armLeap(1), name);
            outer.setTaiOffset(37);
            assertTrue(outer.adjustPhase(100), name);
            assertTrue(outer.switchClock(2), name);
            assertEquals(7, outer.clockTimeNanos(), name);
            assertEquals(12.5, outer.currentFrequencyPpb(), name);
            assertEquals(42, outer.resolveUnicast(1, "192.0.2.1"), name);
            assertEquals(List.of("send 1", "freq 3.0", "step -5", "leap 1", "tai 37", "phase 100", "switch 2"), m.calls, name);
        }
    }
}
