package io.ptp4j.sim;

/** Something a link delivers frames to: a node's port or a switch's port. */
interface Endpoint {
    /** A frame arrives at true time {@code t}; {@code peerDelay} is true for 01:80:C2:00:00:0E traffic. */
    void deliver(byte[] frame, int length, boolean event, boolean peerDelay, Link from);

    /** The link's carrier came or went (a node's port hears of it as rtnetlink would tell ptp4l). */
    default void carrier(boolean up) {}
}
