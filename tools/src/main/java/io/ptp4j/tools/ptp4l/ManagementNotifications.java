package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.tools.log.ForwardingListener;
import io.ptp4j.tools.log.Printer;

/**
 * Pushes SUBSCRIBE_EVENTS_NP notifications from the read-write management socket, as linuxptp's
 * clock_send_notification: port state changes (PORT_DATA_SET), servo samples (TIME_STATUS_NP)
 * and parentDS changes (PARENT_DATA_SET). Runs on the engine's thread; with no subscriber
 * each event costs one bit test.
 */
final class ManagementNotifications extends ForwardingListener {
    private ManagementAgent agent;
    private ManagementAgent.Notifier notifier;

    ManagementNotifications(EngineListener inner) {
        super(inner);
    }

    void attach(ManagementAgent agent, UnixDatagramSocket uds, Printer printer) {
        this.agent = agent;
        this.notifier = (address, buf, len) -> {
            try {
                uds.send(buf, 0, len, address);
            } catch (NativeException e) {
                // The subscriber went away without unsubscribing: its subscription expires on its own.
                printer.print(Printer.LOG_DEBUG, "port 0 (" + uds.path() + "): notification to " + address + ": " + e.getMessage());
            }
        };
    }

    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event) {
        super.portStateChanged(port, from, to, event);
        if (agent != null) agent.portStateChanged(port, System.nanoTime(), notifier);
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        super.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
        if (agent != null) agent.timeSync(System.nanoTime(), notifier);
    }

    @Override
    public void notice(int port, String text) {
        super.notice(port, text);
        if (agent != null) agent.parentMaybeChanged(System.nanoTime(), notifier);
    }
}
