package io.ptp4j.linux.transport;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.linux.Libc;
import io.ptp4j.linux.NativeException;
import io.ptp4j.linux.ethtool.HwTstampConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * linuxptp sk.c hwts_init against scripted drivers (this machine has no NIC with hardware
 * stamps): one-step is asked for as HWTSTAMP_TX_ONESTEP_SYNC / ONESTEP_P2P and a driver that
 * cannot do it is refused with linuxptp's words, never run two-step; hwts_filter's three modes.
 */
class HardwareTimestampsTest {
    /** A driver that knows some tx types and some filters, and widens V2_EVENT to ALL if asked. */
    static final class FakeNic implements HardwareTimestamps.Nic {
        final List<Integer> txTypes;
        final List<Integer> filters;
        final List<HwTstampConfig> asked = new ArrayList<>();
        HwTstampConfig current = new HwTstampConfig(0, HwTstampConfig.TX_OFF, HwTstampConfig.FILTER_NONE);
        int reportTx = -1;

        FakeNic(List<Integer> txTypes, List<Integer> filters) {
            this.txTypes = txTypes;
            this.filters = filters;
        }

        @Override
        public HwTstampConfig get(String iface) {
            return current;
        }

        @Override
        public HwTstampConfig set(String iface, HwTstampConfig wanted) throws NativeException {
            asked.add(wanted);
            if (!txTypes.contains(wanted.txType()) || !filters.contains(wanted.rxFilter())) throw new NativeException("ioctl", 34); // ERANGE
            current = new HwTstampConfig(0, reportTx >= 0 ? reportTx : wanted.txType(), wanted.rxFilter());
            return current;
        }
    }

    static final List<Integer> ALL_FILTERS = List.of(HwTstampConfig.FILTER_ALL, HwTstampConfig.FILTER_PTP_V2_EVENT,
            HwTstampConfig.FILTER_PTP_V2_L4_EVENT, HwTstampConfig.FILTER_PTP_V2_L2_EVENT);

    @Test
    void onestepAsksForOneStepSyncAndP2p1stepForOneStepP2p() throws Exception {
        FakeNic nic = new FakeNic(List.of(0, 1, 2, 3), ALL_FILTERS);
        HardwareTimestamps.init(nic, "eth0", false, Timestamping.ONESTEP.txType(), HardwareTimestamps.FilterMode.NORMAL, null);
        assertEquals(new HwTstampConfig(0, HwTstampConfig.TX_ONESTEP_SYNC, HwTstampConfig.FILTER_PTP_V2_EVENT), nic.asked.get(0));
        HardwareTimestamps.init(nic, "eth0", true, Timestamping.P2P1STEP.txType(), HardwareTimestamps.FilterMode.NORMAL, null);
        assertEquals(HwTstampConfig.TX_ONESTEP_P2P, nic.asked.get(1).txType());
        assertEquals(HwTstampConfig.TX_ON, Timestamping.HARDWARE.txType());
    }

    @Test
    void aDriverWithoutOneStepIsRefusedInLinuxptpsWords() {
        FakeNic nic = new FakeNic(List.of(0, 1), ALL_FILTERS); // two-step only
        List<String> info = new ArrayList<>();
        NativeException e = assertThrows(HardwareTimestamps.RefusedException.class, () -> HardwareTimestamps.init(nic, "eth0", false,
                HwTstampConfig.TX_ONESTEP_SYNC, HardwareTimestamps.FilterMode.NORMAL, info::add));
        assertEquals("ioctl SIOCSHWTSTAMP failed: " + Libc.strerror(34) + " (interface eth0)", e.getMessage());
        assertEquals(List.of("driver rejected most general HWTSTAMP filter"), info);
        assertEquals(2, nic.asked.size(), "the most general filter, then the transport's own");
        assertEquals(HwTstampConfig.FILTER_PTP_V2_L4_EVENT, nic.asked.get(1).rxFilter());
    }

    @Test
    void aDriverThatQuietlySetsAnotherTxTypeIsRefused() {
        FakeNic nic = new FakeNic(List.of(0, 1, 2), ALL_FILTERS);
        nic.reportTx = HwTstampConfig.TX_ON; // says yes, does two-step
        NativeException e = assertThrows(HardwareTimestamps.RefusedException.class, () -> HardwareTimestamps.init(nic, "eth0", false,
                HwTstampConfig.TX_ONESTEP_SYNC, HardwareTimestamps.FilterMode.NORMAL, null));
        assertEquals("The current filter does not match the required (interface eth0)", e.getMessage());
    }

    @Test
    void hwtsFilterCheckSetsNothingAndFullAsksForEveryPacket() throws Exception {
        FakeNic nic = new FakeNic(List.of(0, 1), ALL_FILTERS);
        nic.current = new HwTstampConfig(0, HwTstampConfig.TX_ON, HwTstampConfig.FILTER_PTP_V2_L4_EVENT);
        HardwareTimestamps.init(nic, "eth0", false, HwTstampConfig.TX_ON, HardwareTimestamps.FilterMode.CHECK, null);
        assertTrue(nic.asked.isEmpty(), "check only reads");
        nic.current = new HwTstampConfig(0, HwTstampConfig.TX_OFF, HwTstampConfig.FILTER_NONE);
        assertThrows(HardwareTimestamps.RefusedException.class, () -> HardwareTimestamps.init(nic, "eth0", false, HwTstampConfig.TX_ON,
                HardwareTimestamps.FilterMode.CHECK, null), "stamping is off and check must not switch it on");
        HardwareTimestamps.init(nic, "eth0", false, HwTstampConfig.TX_ON, HardwareTimestamps.FilterMode.FULL, null);
        assertEquals(HwTstampConfig.FILTER_ALL, nic.asked.get(0).rxFilter());
    }

    @Test
    void legacyNeedsSysHardwareWhichNoModernDriverOffers() {
        assertEquals(0x1 | 0x4 | 0x20, Timestamping.LEGACY.requiredCapabilities());
        assertEquals(Timestamping.LEGACY, Timestamping.named("legacy"));
        assertTrue(Timestamping.named("p2p1step").oneStepSync());
        assertFalse(Timestamping.named("hardware").oneStepSync());
    }
}
