package io.ptp4j.bench;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.core.management.ManagementRequest;
import io.ptp4j.tools.pmc.PmcCommands;
import io.ptp4j.tools.pmc.PmcDialect;
import java.nio.ByteBuffer;

/** pmc's command parser (linuxptp pmc_common.c): any line is a command, an error message, or nothing; never an exception. */
class PmcCommandFuzzTest {
    private final ByteBuffer buf = ByteBuffer.allocate(2048);
    private final ManagementRequest rq = new ManagementRequest();
    private static final PmcCommands[] PARSERS = new PmcCommands[PmcDialect.values().length * 2];

    static {
        int i = 0;
        for (PmcDialect dialect : PmcDialect.values()) {
            PARSERS[i++] = new PmcCommands(dialect, false);
            PARSERS[i++] = new PmcCommands(dialect, true);
        }
    }

    @FuzzTest(maxDuration = "30s")
    void pmcCommandsNeverThrow(String line) {
        if (line == null) return; // Jazzer's null, not a line
        for (int i = line.length() % 2; i < PARSERS.length; i += 2) {
            PARSERS[i].execute(line, new PmcCommands.Session() {
                @Override
                public void stdout(String text) {}

                @Override
                public void stderr(String text) {}

                @Override
                public void send(int action, int managementId, byte[] data) {
                    rq.encode(buf, 0, action, managementId, data); // what it builds must encode
                }

                @Override
                public void target(long clockIdentity, int portNumber) {}
            });
        }
    }
}
