package io.ptp4j.bench;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.core.auth.SaFile;
import io.ptp4j.core.auth.SaFileException;

/** linuxptp 4.4's sa_file format (SaFile): whatever the text, only SaFileException (naming file and line) may come out. */
class SaFileFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void saFileOnlyThrowsSaFileException(byte[] text) {
        try {
            SaFile.parse("sa.cfg", new String(text, java.nio.charset.StandardCharsets.ISO_8859_1));
        } catch (SaFileException expected) {
            // a bad line, named
        }
    }
}
