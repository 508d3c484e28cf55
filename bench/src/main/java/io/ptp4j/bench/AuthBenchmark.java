package io.ptp4j.bench;

import io.ptp4j.core.auth.AuthResult;
import io.ptp4j.core.auth.Authenticator;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.auth.SaFileException;
import io.ptp4j.core.wire.MessageType;
import io.ptp4j.core.wire.PtpMessage;
import java.nio.ByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Annex P authentication per message, as the daemon pays it: signing a Sync (append the
 * AUTHENTICATION TLV, compute the ICV) and verifying a signed one (window, TLV walk, ICV,
 * constant-time compare). Target for SHA256-128 (linuxptp's minimum): <= 300 ns and 0 B per
 * message (run with -prof gc). The AES keys are measured for information.
 */
@State(Scope.Thread)
public class AuthBenchmark extends NanosPerOperation {
    static final String SA = """
            spp 0
            1 SHA256-128 HEX:F8ADC6B8B8E9AA709106BA42481EC9E29607334DE2C3C737A11A12931DB27F8C
            2 SHA256 HEX:EE91D469B3A8ADC6AC8EB28E21794C706E08FDE48863828A7B0281AFCA81B17D
            3 AES128 HEX:FAF48EBA01E7C5966A76CB787AED4E7B
            4 AES256 B64:PKTF9VQz94qPaoAzW4eE3JtFoQ8Ov1OTQSojalWyMbs=
            """;

    /** 1 SHA256-128, 2 SHA256, 3 AES128, 4 AES256. */
    @Param({"1"})
    public long key;

    private final ByteBuffer out = ByteBuffer.allocate(256);
    private final ByteBuffer in = ByteBuffer.allocate(256);
    private Authenticator sender, receiver;
    private int syncLen, signedLen;

    @Setup
    public void setup() throws SaFileException {
        sender = new Authenticator(SaFile.parse("sa", SA), 1).port(1, 0, key);
        // the window moves only on the engine's word here: every verify does the whole check (a
        // verified one-step Sync would otherwise make the next identical one a replay, refused early)
        receiver = new Authenticator(SaFile.parse("sa", SA), 1).port(1, 0, key).windowFromEngine();
        syncLen = sync(out);
        sync(in);
        signedLen = sender.sign(in, 0, syncLen, 1);
        if (receiver.verify(in, 0, signedLen, 1) != AuthResult.ACCEPTED) throw new IllegalStateException("does not verify");
    }

    static int sync(ByteBuffer b) {
        return new PtpMessage().wrap(b, 0, b.capacity()).initHeader(MessageType.SYNC, 1).sourcePort(0x6e6886fffed36905L, 1)
                .sequenceId(7).logMessageInterval(-3).bodyTimestamp(1_795_479_381L, 525_715_361).messageLength();
    }

    /** Sign a 44-octet Sync: the sender's cost per message. */
    @Benchmark
    public int sign() {
        return sender.sign(out, 0, syncLen, 1);
    }

    /** Verify a signed Sync: the receiver's cost per message. */
    @Benchmark
    public AuthResult verify() {
        return receiver.verify(in, 0, signedLen, 1);
    }
}
