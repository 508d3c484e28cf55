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

    @FuzzTest(maxDuration = "15s")
    void pmcCommandsNeverThrow(String line) {
        if (line == null) return; // Jazzer's null, not a line
        for (PmcDialect dialect : PmcDialect.values()) {
            new PmcCommands(dialect, line.length() % 2 == 0).execute(line, new PmcCommands.Session() {
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
