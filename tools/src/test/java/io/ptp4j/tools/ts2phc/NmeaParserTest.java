package io.ptp4j.tools.ts2phc;

import static org.junit.jupiter.api.Assertions.*;

import io.ptp4j.tools.ts2phc.NmeaParser.NmeaException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** NMEA sentences: the textbook examples (checksums computed by others), broken ones, and the source's timing. */
class NmeaParserTest {
    static long nanos(String iso) {
        Instant i = Instant.parse(iso);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    static String sentence(String body) {
        return "$" + body + "*" + NmeaParser.checksum(body);
    }

    @Test
    void textbookRmcAndZda() throws Exception {
        // the NMEA 0183 reference examples, checksums as published
        NmeaTime rmc = NmeaParser.parse("$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n");
        assertEquals(nanos("2094-03-23T12:35:19Z"), rmc.utcNanos(), "yy is 20yy, as linuxptp's nmea.c");
        assertTrue(rmc.fixValid());
        assertEquals("GPRMC", rmc.sentence());
        NmeaTime zda = NmeaParser.parse("$GPZDA,201530.00,04,07,2002,00,00*60");
        assertEquals(nanos("2002-07-04T20:15:30Z"), zda.utcNanos());
        assertTrue(zda.fixValid());
    }

    @Test
    void fractionsTalkersAndStatus() throws Exception {
        NmeaTime t = NmeaParser.parse(sentence("GNRMC,235959.250,V,,,,,,,311226,,,N"));
        assertEquals(nanos("2026-12-31T23:59:59.250Z"), t.utcNanos());
        assertFalse(t.fixValid(), "status V: no fix");
        assertNull(NmeaParser.parse(sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")),
                "valid sentence without time of day: ignored");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6B|checksum mismatch (sentence says 6B, computed 6A)",
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A|no '$' at the start",
        "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W|no '*' and two-digit checksum at the end",
        "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*G1|checksum is not hexadecimal",
        "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6|no '*' and two-digit checksum at the end",
    })
    void brokenFraming(String line, String reason) {
        NmeaException e = assertThrows(NmeaException.class, () -> NmeaParser.parse(line));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "GPRMC,123519,A,4807.038,N|RMC with 5 fields, need at least 10",
        "GPRMC,123519,X,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W|RMC status 'X' is neither A nor V",
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,2303,003.1,W|RMC date '2303' is not ddmmyy",
        "GPRMC,12351,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W|time '12351' is not hhmmss[.ss]",
        "GPRMC,126019,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W|time '126019' out of range",
        "GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,310226,003.1,W|date 2026-2-31 does not exist",
        "GPZDA,201530.00,4,07,2002,00,00|ZDA date '4,07,2002' is not dd,mm,yyyy",
        "GPZDA,201530.00,04|ZDA with 3 fields, need at least 5",
        "RMC,123519|bad address field 'RMC'",
    })
    void malformedButCorrectlyChecksummed(String body, String reason) {
        NmeaException e = assertThrows(NmeaException.class, () -> NmeaParser.parse(sentence(body)));
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    /** The source: time of the last sentence plus its age, plus utc_offset; stale or no-fix means none. */
    @Test
    void sourceAddsAgeAndTaiOffsetAndRejectsStaleOrNoFix() {
        long[] mono = {1_000_000_000L};
        List<String> log = new ArrayList<>();
        NmeaSource src = new NmeaSource(() -> { throw new java.io.IOException("unused"); }, "test", 37,
                () -> mono[0], (level, msg) -> log.add(msg));
        assertEquals(OptionalLong.empty(), src.ppsTimeNanos(), "nothing received yet");
        src.accept(sentence("GPRMC,120000,A,4807.038,N,01131.000,E,022.4,084.4,010126,003.1,W"), 1_000_000_000L);
        mono[0] = 1_200_000_000L; // read 200 ms after the sentence arrived
        assertEquals(OptionalLong.of(nanos("2026-01-01T12:00:00.2Z") + 37_000_000_000L), src.ppsTimeNanos());
        src.accept("$GPRMC,garbage*00", 1_300_000_000L);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("nmea: ignoring sentence: checksum mismatch")), log.toString());
        mono[0] = 6_100_000_000L;
        assertEquals(OptionalLong.empty(), src.ppsTimeNanos(), "5.1 s old");
        assertTrue(log.contains("nmea: rmc time stamp stale"), log.toString());
        src.accept(sentence("GPRMC,120006,V,,,,,,,010126,,,N"), 6_100_000_000L);
        assertEquals(OptionalLong.empty(), src.ppsTimeNanos(), "no fix");
    }
}
