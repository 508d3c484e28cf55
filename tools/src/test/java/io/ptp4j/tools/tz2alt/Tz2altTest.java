package io.ptp4j.tools.tz2alt;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.core.clock.LeapTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tz2alt's arithmetic: display names, offsets to TAI, the next discontinuity found by linuxptp's bisection. */
class Tz2altTest {
    static LeapTable table(Path dir) throws Exception {
        Path f = dir.resolve("leap-seconds.list");
        Files.writeString(f, """
                # a test table: the last entries of the IERS list, expiring in 2036
                #@	4291747200
                3644697600	36	# 1 Jul 2015
                3692217600	37	# 1 Jan 2017
                """);
        return Tz2altMain.readLeapTable(f);
    }

    @Test
    void displayNamesAreAtMostTenCharacters() {
        assertEquals("PST8PDT", Tz2altMain.displayName("PST8PDT"));
        assertEquals("Vienna", Tz2altMain.displayName("Europe/Vienna"));
        assertEquals("America/Ar", Tz2altMain.displayName("America/Argentina/Buenos_Aires"));
        assertEquals("Antarctica", Tz2altMain.displayName("Antarctica/DumontDUrville"));
    }

    @Test
    void leapSecondTableAnswersTaiMinusUtc(@TempDir Path dir) throws Exception {
        LeapTable t = table(dir);
        int[] off = {0};
        assertEquals(LeapTable.Lookup.OK, t.utcToTai(Instant.parse("2026-12-01T00:00:00Z").getEpochSecond(), off));
        assertEquals(37, off[0]);
        assertEquals(LeapTable.Lookup.AMBIGUOUS, t.utcToTai(Instant.parse("2016-12-31T23:59:59Z").getEpochSecond(), off));
        assertEquals(LeapTable.Lookup.UNKNOWN, t.utcToTai(Instant.parse("2010-01-01T00:00:00Z").getEpochSecond(), off));
        assertEquals(LeapTable.Lookup.EXPIRED, t.utcToTai(Instant.parse("2037-01-01T00:00:00Z").getEpochSecond(), off));
    }

    @Test
    void aLeapfileEntryThatDoesNotParseIsNamedWithItsLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("leap-seconds.list");
        Files.writeString(f, "#@\t4291747200\n3644697600\t36\n3692217600\tthirty-seven\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tz2altMain.readLeapTable(f));
        assertTrue(e.getMessage().startsWith(f + ":3: "), e.getMessage());
        Files.writeString(f, "3644697600\t36\n");
        e = assertThrows(IllegalArgumentException.class, () -> Tz2altMain.readLeapTable(f));
        assertEquals("missing expiration date in '" + f + "'", e.getMessage());
    }

    @Test
    void nextDiscontinuityIsTheFirstSecondOfTheNewOffset(@TempDir Path dir) throws Exception {
        LeapTable t = table(dir);
        ZoneRules vienna = ZoneId.of("Europe/Vienna").getRules();
        long now = Instant.parse("2027-02-01T12:00:00Z").getEpochSecond();
        Tz2altMain.Offsets tz = Tz2altMain.offsets(vienna, t, now);
        assertEquals(3600, tz.localUtc());
        assertEquals(3600 - 37, tz.localTai(), "currentOffset: local time minus TAI");
        Tz2altMain.Offsets next = Tz2altMain.nextDiscontinuity(vienna, t, tz, Tz2altMain.DEFAULT_WINDOW);
        assertNotNull(next);
        assertEquals(Instant.parse("2027-03-28T01:00:00Z").getEpochSecond(), next.timestamp(), "summer time from 02:00 local");
        assertEquals(3600, next.localTai() - tz.localTai(), "jumpSeconds");
        // 90 days from December: no change within the window
        long dec = Instant.parse("2026-12-04T00:00:00Z").getEpochSecond();
        assertNull(Tz2altMain.nextDiscontinuity(vienna, t, Tz2altMain.offsets(vienna, t, dec), Tz2altMain.DEFAULT_WINDOW));
    }
}
