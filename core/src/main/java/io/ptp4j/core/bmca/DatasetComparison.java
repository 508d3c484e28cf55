package io.ptp4j.core.bmca;

/**
 * Data set comparison of the BMCA (IEEE 1588-2019 9.3.4, figures 34 and 35), with linuxptp's
 * result codes. The default algorithm compares priority1, clockClass, clockAccuracy,
 * offsetScaledLogVariance, priority2, then the identity; equal grandmasters are told apart by
 * topology (stepsRemoved, then sender and receiver port identities).
 */
public interface DatasetComparison {
    int A_BETTER_TOPO = 2;
    int A_BETTER = 1;
    int B_BETTER = -1;
    int B_BETTER_TOPO = -2;

    /** Compares a with b; null means "no data set" and loses to any data set. */
    int compare(BmcDataset a, BmcDataset b);

    /** IEEE 1588 default (linuxptp bmc.c dscmp). */
    DatasetComparison IEEE_1588 = DatasetComparison::dscmp;

    /** ITU-T G.8275.x alternate BMCA with localPriority (linuxptp telecom.c). */
    DatasetComparison TELECOM = DatasetComparison::telecom;

    /** Picks the algorithm by linuxptp's dataset_comparison value: "ieee1588" or "G.8275.x". */
    static DatasetComparison named(String name) {
        return switch (name) {
            case "ieee1588" -> IEEE_1588;
            case "G.8275.x" -> TELECOM;
            default -> throw new IllegalArgumentException("unknown dataset_comparison '" + name + "'");
        };
    }

    private static int portIdCompare(long clockA, int portA, long clockB, int portB) {
        int c = Long.compareUnsigned(clockA, clockB);
        return c != 0 ? c : Integer.compare(portA, portB);
    }

    /** Figure 35: the same grandmaster seen along two paths. */
    static int topology(BmcDataset a, BmcDataset b) {
        int stepsA = a.stepsRemoved, stepsB = b.stepsRemoved;
        if (stepsA + 1 < stepsB) return A_BETTER;
        if (stepsB + 1 < stepsA) return B_BETTER;
        if (stepsA < stepsB) {
            int diff = portIdCompare(b.receiverClock, b.receiverPort, b.senderClock, b.senderPort);
            if (diff < 0) return A_BETTER;
            if (diff > 0) return A_BETTER_TOPO;
            return 0; // error-1: a message from ourselves
        }
        if (stepsA > stepsB) {
            int diff = portIdCompare(a.receiverClock, a.receiverPort, a.senderClock, a.senderPort);
            if (diff < 0) return B_BETTER;
            if (diff > 0) return B_BETTER_TOPO;
            return 0;
        }
        int diff = portIdCompare(a.senderClock, a.senderPort, b.senderClock, b.senderPort);
        if (diff < 0) return A_BETTER_TOPO;
        if (diff > 0) return B_BETTER_TOPO;
        if (a.receiverPort < b.receiverPort) return A_BETTER_TOPO;
        if (a.receiverPort > b.receiverPort) return B_BETTER_TOPO;
        return 0; // error-2: the same message twice
    }

    private static int dscmp(BmcDataset a, BmcDataset b) {
        if (a == b) return 0;
        if (b == null) return A_BETTER;
        if (a == null) return B_BETTER;
        int diff = Long.compareUnsigned(a.identity, b.identity);
        if (diff == 0) return topology(a, b);
        int c = attributes(a, b, true);
        if (c != 0) return c;
        return diff < 0 ? A_BETTER : B_BETTER;
    }

    private static int telecom(BmcDataset a, BmcDataset b) {
        if (a == b) return 0;
        if (b == null) return A_BETTER;
        if (a == null) return B_BETTER;
        int c = attributes(a, b, false);
        if (c != 0) return c;
        if (a.localPriority != b.localPriority) return a.localPriority < b.localPriority ? A_BETTER : B_BETTER;
        if (a.clockClass <= 127) return topology(a, b);
        int diff = Long.compareUnsigned(a.identity, b.identity);
        if (diff == 0) return topology(a, b);
        return diff < 0 ? A_BETTER : B_BETTER;
    }

    /** Figure 34's attribute chain; priority1 is skipped by the Telecom profile. */
    private static int attributes(BmcDataset a, BmcDataset b, boolean usePriority1) {
        if (usePriority1 && a.priority1 != b.priority1) return a.priority1 < b.priority1 ? A_BETTER : B_BETTER;
        if (a.clockClass != b.clockClass) return a.clockClass < b.clockClass ? A_BETTER : B_BETTER;
        if (a.clockAccuracy != b.clockAccuracy) return a.clockAccuracy < b.clockAccuracy ? A_BETTER : B_BETTER;
        if (a.offsetScaledLogVariance != b.offsetScaledLogVariance) {
            return a.offsetScaledLogVariance < b.offsetScaledLogVariance ? A_BETTER : B_BETTER;
        }
        if (a.priority2 != b.priority2) return a.priority2 < b.priority2 ? A_BETTER : B_BETTER;
        return 0;
    }
}
