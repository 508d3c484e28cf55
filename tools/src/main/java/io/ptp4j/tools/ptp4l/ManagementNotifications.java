package io.ptp4j.tools.ptp4l;

import io.ptp4j.core.clock.ManagementAgent;
import io.ptp4j.core.engine.EngineListener;
import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.core.engine.ForwardingListener;
import io.ptp4j.tools.log.Printer;

/**
 * Pushes SUBSCRIBE_EVENTS_NP notifications from the read-write management socket, as linuxptp's
 * clock_send_notification: port state changes (PORT_DATA_SET), servo samples (TIME_STATUS_NP),
 * parentDS changes (PARENT_DATA_SET) and peer delays (CMLDS_INFO_NP, NOTIFY_CMLDS). Runs on the engine's thread; with no subscriber
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

    // The engine reports state changes with their fault (the five-argument form, which
    // ForwardingListener passes on as such): NOTIFY_PORT_STATE hangs on that one.
    @Override
    public void portStateChanged(int port, PortState from, PortState to, PortEvent event, io.ptp4j.core.port.FaultType fault) {
        super.portStateChanged(port, from, to, event, fault);
        if (agent != null) agent.portStateChanged(port, System.nanoTime(), notifier);
    }

    @Override
    public void servoSample(int port, long offsetNanos, ServoState state, double freqPpb, long pathDelayNanos) {
        super.servoSample(port, offsetNanos, state, freqPpb, pathDelayNanos);
        if (agent != null) agent.timeSync(System.nanoTime(), notifier);
    }

    /** A new peer delay on a port: CMLDS_INFO_NP to NOTIFY_CMLDS subscribers (linuxptp port_peer_delay). */
    @Override
    public void peerDelay(int port, long peerDelayNanos, double neighborRateRatio) {
        super.peerDelay(port, peerDelayNanos, neighborRateRatio);
        if (agent != null && agent.wants(io.ptp4j.core.management.Notification.NOTIFY_CMLDS)) {
            agent.notify(io.ptp4j.core.management.Notification.NOTIFY_CMLDS, port, System.nanoTime(), notifier);
        }
    }

    @Override
    public void notice(int port, String text) {
        super.notice(port, text);
        if (agent != null) agent.parentMaybeChanged(System.nanoTime(), notifier);
    }
}
