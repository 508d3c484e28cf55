package io.ptp4j.linux.daemon;

import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.UnixDatagramSocket;
import io.ptp4j.linux.clock.PosixTime;
import io.ptp4j.linux.transport.Timestamping;
import io.ptp4j.linux.transport.Transport;
import io.ptp4j.linux.transport.TxTimestampTimeoutException;
import java.nio.ByteBuffer;

/** A Transport over two AF_UNIX datagram sockets, stamping with CLOCK_REALTIME in user space. */
final class UnixTestTransport implements Transport {
    final UnixDatagramSocket event, general;
    final String peerEvent, peerGeneral;
    final PosixTime time = new PosixTime();
    boolean dropTxTimestamps;
    long lastTx = Long.MIN_VALUE, lastRx = Long.MIN_VALUE;

    UnixTestTransport(String dir, String me, String peer) throws NativeException {
        // a peer that never reads (a test's silent side) must not block the loop: sends fail at once
        event = UnixDatagramSocket.bind(dir + "/" + me + ".ev", true).boundedSends(0);
        general = UnixDatagramSocket.bind(dir + "/" + me + ".ge", true).boundedSends(0);
        peerEvent = dir + "/" + peer + ".ev";
        peerGeneral = dir + "/" + peer + ".ge";
    }

    @Override public String interfaceName() { return "unix"; }
    @Override public Timestamping timestamping() { return Timestamping.SOFTWARE; }
    @Override public int eventFd() { return event.fd(); }
    @Override public int generalFd() { return general.fd(); }

    @Override
    public boolean send(boolean ev, ByteBuffer buf, int offset, int length, long destination) {
        try {
            if (ev) lastTx = time.realtimeNanos(); // before the send, as a driver stamps on the way out
            (ev ? event : general).send(buf, offset, length, ev ? peerEvent : peerGeneral);
            return true;
        } catch (NativeException e) {
            return false;
        }
    }

    @Override
    public int receive(boolean ev, ByteBuffer into, int offset) throws NativeException {
        int n = (ev ? event : general).receive(into, offset);
        if (n >= 0) lastRx = ev ? time.realtimeNanos() : Long.MIN_VALUE;
        return n;
    }

    @Override public long rxTimestampNanos() { return lastRx; }
    @Override public long rxSource() { return 7; }

    @Override
    public long txTimestampNanos(int timeoutMillis) throws TxTimestampTimeoutException {
        if (dropTxTimestamps) throw new TxTimestampTimeoutException("unix", timeoutMillis);
        return lastTx;
    }

    @Override public long resolveUnicast(String address) { return 7; }
    @Override public String addressText(long handle) { return "peer"; }

    @Override
    public void close() {
        event.close();
        general.close();
    }
}
