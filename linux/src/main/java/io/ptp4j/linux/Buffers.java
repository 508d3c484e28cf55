package io.ptp4j.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;

/**
 * Copies between a caller's ByteBuffer (heap or direct) and a socket's preallocated native
 * segment. Heap buffers are copied straight from their array, so nothing is allocated; for a
 * direct buffer the temporary segment view is small and usually scalar-replaced by C2.
 */
public final class Buffers {
    private Buffers() {}

    /** {@code len} bytes of {@code src} from absolute {@code offset} into {@code dst} at 0. */
    public static void copyIn(ByteBuffer src, int offset, MemorySegment dst, int len) {
        copyIn(src, offset, dst, 0, len);
    }

    /** {@code len} bytes of {@code src} from absolute {@code offset} into {@code dst} at {@code dstOffset}. */
    public static void copyIn(ByteBuffer src, int offset, MemorySegment dst, long dstOffset, int len) {
        if (src.hasArray()) {
            MemorySegment.copy(src.array(), src.arrayOffset() + offset, dst, ValueLayout.JAVA_BYTE, dstOffset, len);
        } else {
            MemorySegment.copy(MemorySegment.ofBuffer(src.duplicate().clear()), offset, dst, dstOffset, len);
        }
    }

    /** {@code len} bytes of {@code src} from 0 into {@code dst} at absolute {@code offset}. */
    public static void copyOut(MemorySegment src, ByteBuffer dst, int offset, int len) {
        copyOut(src, 0, dst, offset, len);
    }

    /** {@code len} bytes of {@code src} from {@code srcOffset} into {@code dst} at absolute {@code offset}. */
    public static void copyOut(MemorySegment src, long srcOffset, ByteBuffer dst, int offset, int len) {
        if (dst.hasArray()) {
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, srcOffset, dst.array(), dst.arrayOffset() + offset, len);
        } else {
            MemorySegment.copy(src, srcOffset, MemorySegment.ofBuffer(dst.duplicate().clear()), offset, len);
        }
    }
}
