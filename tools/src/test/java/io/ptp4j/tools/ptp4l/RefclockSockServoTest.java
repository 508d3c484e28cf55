package io.ptp4j.tools.ptp4l;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.servo.ServoState;
import io.ptp4j.linux.UnixDatagramSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clock_servo refclock_sock: chrony's struct sock_sample, received by a stand-in for chronyd's socket. */
class RefclockSockServoTest {
    @Test
    void sendsChronySockSamples(@TempDir Path dir) throws Exception {
        String path = dir.resolve("chrony.SOCK0").toString();
        List<String> errors = new ArrayList<>();
        try (UnixDatagramSocket chrony = UnixDatagramSocket.bind(path, true); UnixDatagramSocket out = UnixDatagramSocket.unbound()) {
            RefclockSockServo servo = new RefclockSockServo(out, path, errors::add);
            servo.leap(1);
            assertEquals(0.0, servo.sample(1_500, 1_767_225_600_000_123_456L, 1.0));
            assertEquals(ServoState.UNLOCKED, servo.state(), "never adjusts");
            ByteBuffer b = ByteBuffer.allocateDirect(256).order(ByteOrder.nativeOrder());
            int n = chrony.receive(b, 0, 2000);
            assertEquals(40, n, "sizeof(struct sock_sample)");
            assertEquals(1_767_225_600L, b.getLong(0), "tv_sec: local time");
            assertEquals(123, b.getLong(8), "tv_usec");
            assertEquals(-1.5e-6, b.getDouble(16), 1e-15, "offset: true - local, seconds");
            assertEquals(0, b.getInt(24), "pulse");
            assertEquals(1, b.getInt(28), "leap insert");
            assertEquals(0x534f434b, b.getInt(36), "magic 'SOCK'");
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void aMissingChronydIsReportedOnce(@TempDir Path dir) throws Exception {
        List<String> errors = new ArrayList<>();
        try (UnixDatagramSocket out = UnixDatagramSocket.unbound()) {
            RefclockSockServo servo = new RefclockSockServo(out, dir.resolve("nobody").toString(), errors::add);
            servo.sample(1, 2, 1.0);
            servo.sample(1, 3, 1.0);
        }
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("refclock_sock: send failed: "), errors.get(0));
    }
}
