package io.ptp4j.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ptp4j.core.wire.DecodeException;
import io.ptp4j.core.wire.DecodedMessage;
import io.ptp4j.core.wire.PtpMessage;
import io.ptp4j.core.wire.TlvCursor;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing of the decoder with Jazzer. Under plain `mvn test` it replays its
 * corpus and runs for maxDuration; `JAZZER_FUZZ=1 mvn -pl bench test -Dtest=DecoderFuzzTest`
 * fuzzes for real (raise maxDuration by -Djazzer.max_duration=10m for a long run by hand).
 * Only DecodeException may come out, and whatever decodes re-encodes to the same bytes.
 */
class DecoderFuzzTest {
    private final PtpMessage flyweight = new PtpMessage();
    private final TlvCursor cursor = new TlvCursor();

    @FuzzTest(maxDuration = "30s")
    void decoderOnlyThrowsDecodeException(byte[] data) {
        try {
            flyweight.wrap(ByteBuffer.wrap(data), 0, data.length).validate(cursor);
        } catch (DecodeException expected) {
            // the one allowed outcome for bad input
        }
        try {
            DecodedMessage m = DecodedMessage.decode(data);
            assertArrayEquals(data, m.encode());
        } catch (DecodeException expected) {
            // likewise
        }
    }
}
