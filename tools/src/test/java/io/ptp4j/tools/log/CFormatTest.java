package io.ptp4j.tools.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CFormatTest {
    private final StringBuilder sb = new StringBuilder();

    @Test
    void integersMatchStringFormat() {
        long[] fixed = {0, 1, -1, 9, -9, 10, -10, 999_999_999, -1_000_000_000, Long.MAX_VALUE, Long.MIN_VALUE, 2224, -802};
        for (long v : fixed) for (int w : new int[] {0, 3, 9, 10, 25}) checkInt(v, w);
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 20_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            checkInt(v, r.nextInt(12));
        }
    }

    @Test
    void fixed0MatchesStringFormatIncludingHalfEven() {
        double[] fixed = {0.0, -0.0, 0.4, -0.4, 0.5, 1.5, 2.5, -2.5, -85.49, 345.5, 999999.5, -1e9, 1e17, 123456789.5};
        for (double v : fixed) for (int w : new int[] {0, 3, 4, 6, 7}) {
            checkFixed(v, w, true);
            checkFixed(v, w, false);
        }
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 20_000; i++) {
            double v = (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12));
            if (i % 3 == 0) v = Math.floor(v) + 0.5; // exact ties
            checkFixed(v, r.nextInt(9), r.nextBoolean());
        }
    }

    @Test
    void zeroPadded() {
        sb.setLength(0);
        assertEquals("007", CFormat.appendZeroPadded(sb, 7, 3).toString());
    }

    private void checkInt(long v, int w) {
        sb.setLength(0);
        String expected = w == 0 ? String.format("%d", v) : String.format("%" + w + "d", v);
        assertEquals(expected, CFormat.appendInt(sb, v, w).toString(), "value " + v + " width " + w);
    }

    private void checkFixed(double v, int w, boolean plus) {
        sb.setLength(0);
        String spec = "%" + (plus ? "+" : "") + (w == 0 ? "" : Integer.toString(w)) + ".0f";
        // java.util.Formatter rounds HALF_UP on the decimal expansion; C rounds the exact binary value
        // half-to-even, so compare with BigDecimal HALF_EVEN, which is what glibc does
        String expected = String.format(spec, new java.math.BigDecimal(v).setScale(0, java.math.RoundingMode.HALF_EVEN));
        if (expected.strip().matches("[+]?0") && (Double.doubleToRawLongBits(Math.rint(v)) < 0)) expected = "-0";
        expected = " ".repeat(Math.max(0, w - expected.strip().length())) + expected.strip();
        assertEquals(expected, CFormat.appendFixed0(sb, v, w, plus).toString(), spec + " of " + v);
    }
}
