package io.ptp4j.tools.config;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.testkit.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigKeysDocTest {
    /** docs/configuration.md must equal `ptp4j config-keys --markdown`; -Dptp4j.regenerateDocs=true rewrites it. */
    @Test
    void docEqualsGeneratedOutput() throws Exception {
        Path doc = TestData.root().resolve("docs/configuration.md");
        String expected = ConfigKeysDoc.markdown();
        if (Boolean.getBoolean("ptp4j.regenerateDocs")) Files.writeString(doc, expected);
        assertEquals(expected, Files.readString(doc),
                "docs/configuration.md is stale: run bin/ptp4j config-keys --markdown > docs/configuration.md");
    }

    @Test
    void everyKeyIsDocumented() {
        String md = ConfigKeysDoc.markdown();
        for (ConfigKey k : ConfigKeys.all()) assertTrue(md.contains("| `" + k.name() + "` |"), k.name());
        assertTrue(md.contains("| `network_transport` | port | enum | `UDPv4` | L2, UDPv4, UDPv6 |"));
        assertTrue(md.contains("| `priority1` | global | int | `128` | 0 to 255 |"));
    }

    @Test
    void notYetActedOnNamesRealKeys() {
        for (String k : ConfigKeys.NOT_YET_ACTED_ON) assertNotNull(ConfigKeys.find(k), k);
    }
}
