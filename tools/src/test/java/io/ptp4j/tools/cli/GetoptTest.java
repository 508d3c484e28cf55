package io.ptp4j.tools.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetoptTest {
    @Test
    void optionsBeforeAnErrorComeFirstAsGetoptReturnsThemInOrder() {
        List<Getopt.Opt> opts = Getopt.parse("p", "hi:", List.of("key"), new String[] {"-h", "-x"}, new ArrayList<>());
        assertEquals('h', opts.get(0).letter());
        assertEquals('?', opts.get(1).letter());
        UsageException e = opts.get(1).error();
        assertEquals("p: invalid option -- 'x'", e.getMessage());
        assertTrue(e.showUsage());
        assertEquals(Exit.USAGE, e.exitCode());
    }

    @Test
    void plainGetoptReadsDoubleDashWordsAsShortOptions() {
        List<Getopt.Opt> opts = Getopt.parseShort("p", "hi:", new String[] {"--help"}, new ArrayList<>());
        assertEquals("p: invalid option -- '-'", opts.get(0).arg());
        List<Getopt.Opt> longOpts = Getopt.parse("p", "hi:", List.of("key"), new String[] {"--help"}, new ArrayList<>());
        assertEquals("p: unrecognized option '--help'", longOpts.get(0).arg());
    }

    @Test
    void operandsArePermutedAndDoubleDashEndsOptions() {
        List<String> operands = new ArrayList<>();
        List<Getopt.Opt> opts = Getopt.parseShort("p", "ql:", new String[] {"dev", "-q", "adj", "--", "-1"}, operands);
        assertEquals(1, opts.size());
        assertEquals(List.of("dev", "adj", "-1"), operands);
    }

    @Test
    void anOptionTheCallerForgotIsAProgrammingError() {
        Getopt.Opt o = Getopt.parseShort("p", "q", new String[] {"-q"}, new ArrayList<>()).get(0);
        assertThrows(IllegalStateException.class, o::error);
    }
}
