package io.ptp4j.bench;

import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The CPU time one Sync costs to sign and to verify, per key type, measured as the thread's own
 * CPU time (ThreadMXBean), so that other processes on a shared machine do not count: AuthBenchmark
 * (JMH) measures wall time, which on a loaded machine includes the time the thread waited for a
 * core. Seven rounds of 10^6 messages after a warm-up; prints median, min and max per operation,
 * and the bytes allocated per message. Run: bench/auth-cost
 */
public final class AuthCpuCost {
    private AuthCpuCost() {}

    public static void main(String[] args) throws Exception {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] names = {"", "SHA256-128", "SHA256", "AES128", "AES256"};
        System.out.printf("%-11s %-6s %8s %8s %8s %10s%n", "key", "op", "median", "min", "max", "B/message");
        for (int key = 1; key <= 4; key++) {
            Authenticator sender = new Authenticator(SaFile.parse("sa", AuthBenchmark.SA), 1).port(1, 0, key);
            Authenticator receiver = new Authenticator(SaFile.parse("sa", AuthBenchmark.SA), 1).port(1, 0, key).windowFromEngine();
            ByteBuffer out = ByteBuffer.allocate(256), in = ByteBuffer.allocate(256);
            int len = AuthBenchmark.sync(out);
            AuthBenchmark.sync(in);
            int signed = sender.sign(in, 0, len, 1);
            int n = 1_000_000;
            for (String op : new String[] {"sign", "verify"}) {
                boolean sign = op.equals("sign");
                for (int i = 0; i < 2 * n; i++) run(sign, sender, receiver, out, in, len, signed); // warm-up: JIT
                double[] ns = new double[7];
                long bytes = Long.MAX_VALUE;
                for (int r = 0; r < ns.length; r++) {
                    long a0 = bean.getCurrentThreadAllocatedBytes(), t0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) run(sign, sender, receiver, out, in, len, signed);
                    ns[r] = (bean.getCurrentThreadCpuTime() - t0) / (double) n;
                    bytes = Math.min(bytes, bean.getCurrentThreadAllocatedBytes() - a0);
                }
                Arrays.sort(ns);
                System.out.printf("%-11s %-6s %8.0f %8.0f %8.0f %10.4f%n", names[key], op, ns[3], ns[0], ns[6], bytes / (double) n);
            }
        }
    }

    private static void run(boolean sign, Authenticator sender, Authenticator receiver, ByteBuffer out, ByteBuffer in, int len, int signed) {
        if (sign) {
            if (sender.sign(out, 0, len, 1) < 0) throw new IllegalStateException();
        } else if (receiver.verify(in, 0, signed, 1) != AuthResult.ACCEPTED) {
            throw new IllegalStateException();
        }
    }
}
