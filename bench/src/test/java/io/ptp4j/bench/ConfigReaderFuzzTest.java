package io.ptp4j.bench;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.tools.config.ConfigException;
import io.ptp4j.tools.config.ConfigReader;
import io.ptp4j.tools.config.PtpConfig;

/** linuxptp's ptp4l.conf format (ConfigReader): whatever the text, only ConfigException (naming file and line) may come out. */
class ConfigReaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void configReaderOnlyThrowsConfigException(FuzzedDataProvider d) {
        PtpConfig cfg = new PtpConfig();
        try {
            for (int i = d.consumeInt(0, 2); i > 0; i--) cfg.setOption(d.consumeString(30), d.consumeString(40));
        } catch (ConfigException expected) {
            // a command-line key or value refused
        }
        try {
            ConfigReader.read("fuzz.cfg", d.consumeRemainingAsString(), cfg);
        } catch (ConfigException expected) {
            // a bad line, named
        }
    }
}
