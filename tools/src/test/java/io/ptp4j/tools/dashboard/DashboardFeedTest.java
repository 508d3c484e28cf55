package io.ptp4j.tools.dashboard;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.port.PortEvent;
import io.ptp4j.core.port.PortState;
import io.ptp4j.core.servo.ServoState;
import org.junit.jupiter.api.Test;

class DashboardFeedTest {
    @Test
    void keepsTheLastCapacitySamplesAndSlicesBySequence() {
        long[] now = {1_000_000_000L};
        DashboardFeed f = new DashboardFeed("t", new String[] {"eth0", "eth1"}, () -> now[0]);
        f.portStateChanged(2, PortState.LISTENING, PortState.MASTER, PortEvent.values()[0]);
        int n = DashboardFeed.CAPACITY + 10;
        for (int i = 0; i < n; i++) {
            now[0] += 1_000_000_000L;
            f.servoSample(1, i, ServoState.LOCKED, 1.0, 100);
        }
        assertEquals(n, f.samples());
        String all = f.json(0);
        // the oldest 10 fell out of the ring; the newest is there
        assertFalse(all.contains("[1.0,0,"), "sample 0 must be gone");
        assertTrue(all.contains("[11.0,10,100,1.0,2]"), all.substring(0, 300));
        assertTrue(all.contains("[" + (double) n + "," + (n - 1) + ",100,1.0,2]"));
        String tail = f.json(n - 2);
        assertTrue(tail.endsWith("\"samples\":[[" + (double) (n - 1) + "," + (n - 2) + ",100,1.0,2],[" + (double) n + "," + (n - 1) + ",100,1.0,2]]}"), tail);
        assertArrayEquals(new String[] {"INITIALIZING", "MASTER"}, f.states());
        assertTrue(tail.contains("{\"port\":2,\"iface\":\"eth1\",\"state\":\"MASTER\"}"), tail);
        f.showPorts(1);
        assertFalse(f.json(n).contains("eth1"));
    }

    @Test
    void grandmasterAndNonFiniteFrequencyStayValidJson() {
        DashboardFeed f = new DashboardFeed("a \"quoted\" title", new String[] {"eth0"}, () -> 0L);
        f.setGrandmaster("001122.fffe.334455", 6);
        f.servoSample(1, 5, null, Double.NaN, 7);
        String j = f.json(0);
        assertTrue(j.startsWith("{\"title\":\"a \\\"quoted\\\" title\""), j);
        assertTrue(j.contains("\"gm\":\"001122.fffe.334455\",\"gmClockClass\":6"), j);
        assertTrue(j.contains("[0.0,5,7,0.0,0]"), j);
    }
}
