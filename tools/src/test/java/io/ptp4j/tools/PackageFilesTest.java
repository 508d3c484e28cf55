package io.ptp4j.tools;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.cli.Option;
import io.ptp4j.tools.cli.OptionTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The man pages and the bash completion in packaging/ (what scripts/package installs) equal what
 * {@link PackageFiles} renders from the option and config-key tables now: a page cannot go stale.
 * -Dptp4j.regenerateDocs=true rewrites them.
 */
class PackageFilesTest {
    static final Path DIR = Path.of("../packaging");

    @Test
    void manPagesAreCurrent() throws Exception {
        Map<String, String> pages = PackageFiles.manPages();
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Path f = page(p.getKey());
            if (Boolean.getBoolean("ptp4j.regenerateDocs")) {
                Files.createDirectories(f.getParent());
                Files.writeString(f, p.getValue());
            }
            assertTrue(Files.exists(f), f + " is missing: mvn test -pl tools -am -Dtest=PackageFilesTest -Dptp4j.regenerateDocs=true");
            assertEquals(p.getValue(), Files.readString(f),
                    f + " is stale: mvn test -pl tools -am -Dtest=PackageFilesTest -Dptp4j.regenerateDocs=true");
        }
        // and no page is left for a command that is gone
        try (Stream<Path> s = Stream.concat(Files.list(DIR.resolve("man/man1")), Files.list(DIR.resolve("man/man8")))) {
            s.forEach(f -> assertTrue(pages.containsKey(f.getFileName().toString()), f + " has no command"));
        }
    }

    /** packaging/man/man8/ptp4l.8, packaging/man/man1/ptp4j-sim.1 */
    static Path page(String file) {
        return DIR.resolve("man").resolve("man" + file.charAt(file.length() - 1)).resolve(file);
    }

    @Test
    void bashCompletionIsCurrent() throws Exception {
        Path f = DIR.resolve("bash-completion/ptp4j");
        if (Boolean.getBoolean("ptp4j.regenerateDocs")) {
            Files.createDirectories(f.getParent());
            Files.writeString(f, PackageFiles.bashCompletion());
        }
        assertEquals(PackageFiles.bashCompletion(), Files.readString(f),
                f + " is stale: mvn test -pl tools -am -Dtest=PackageFilesTest -Dptp4j.regenerateDocs=true");
    }

    @Test
    void everyCommandHasAPageWithEveryOptionItsTableShows() {
        Map<String, String> pages = PackageFiles.manPages();
        for (String name : Main.descriptions().keySet()) {
            if (name.equals("version")) continue; // ptp4j(1) lists it
            String file = PackageFiles.LINUXPTP.contains(name) ? name + ".8" : "ptp4j-" + name + ".1";
            String page = pages.get(file);
            assertNotNull(page, name + " has no man page");
            OptionTable t = Main.optionTable(name);
            for (Option o : t.options()) {
                if (o.help() == null) continue;
                String flag = switch (o.kind()) {
                    case SHORT -> "\\fB\\-" + o.name() + "\\fR";
                    case LONG -> "\\fB\\-\\-" + o.name().replace("-", "\\-") + "\\fR";
                    case CONFIG_KEYS -> "\\fB\\-\\-\\fI" + o.name();
                    case OPERAND -> "\\fB" + o.name().replace("-", "\\-") + "\\fR";
                };
                assertTrue(page.contains(".TP\n" + flag), name + ": " + o.label() + " is not on its page");
            }
        }
        // ptp4l's page lists every configuration key
        for (var k : io.ptp4j.tools.config.ConfigKeys.all())
            assertTrue(pages.get("ptp4l.8").contains(".TP\n.B " + k.name().replace("-", "\\-") + "\n"), k.name());
    }

    @Test
    void completionOffersTheOptionsTheParsersAccept() {
        String c = PackageFiles.bashCompletion();
        assertTrue(c.contains("complete -F _ptp4j_pmc pmc\n"));
        assertTrue(c.contains("complete -F _ptp4j ptp4j\n"));
        // pmc: its own flags, ptp4j's long options and every config key
        String pmc = c.substring(c.indexOf("_ptp4j_pmc() {"), c.indexOf("complete -F _ptp4j_pmc"));
        assertTrue(pmc.contains("-u -b -d -f -h -i -s -t -v -z --json --linuxptp --active_key_id"), pmc);
        assertTrue(pmc.contains("-s=file"), pmc); // the UDS path completes as a file
        assertTrue(pmc.contains("-i=device"), pmc);
    }
}
