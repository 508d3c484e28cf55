package io.ptp4j.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Says when a file was written or replaced, through inotify(7) on its directory (an editor or a
 * configuration tool usually writes a new file and renames it over the old one, which a watch on
 * the file itself would miss). Its descriptor goes into an event loop; {@link #changed()} drains
 * the events and tells whether one named the file. Not thread-safe.
 */
public final class FileWatch implements AutoCloseable {
    private static final int EVENT_HEADER = 16; // struct inotify_event: wd, mask, cookie, len, then the name
    private final Arena arena = Arena.ofShared();
    private final MemorySegment buf = arena.allocate(4096, 8);
    private final int fd;
    private final String name;

    private FileWatch(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /** Watches {@code file} (its directory must exist). */
    public static FileWatch of(Path file) throws NativeException {
        Path abs = file.toAbsolutePath();
        int fd = Libc.inotifyInit1(Libc.IN_NONBLOCK | Libc.IN_CLOEXEC);
        if (fd < 0) throw new NativeException("inotify_init1", Libc.errno());
        try (Arena a = Arena.ofConfined()) {
            String dir = abs.getParent() == null ? "/" : abs.getParent().toString();
            if (Libc.inotifyAddWatch(fd, a.allocateFrom(dir), Libc.IN_CLOSE_WRITE | Libc.IN_MOVED_TO) < 0) {
                int err = Libc.errno();
                Libc.close(fd);
                throw new NativeException("inotify_add_watch", err, dir);
            }
        }
        return new FileWatch(fd, abs.getFileName().toString());
    }

    /** The descriptor to poll for readability. */
    public int fd() {
        return fd;
    }

    /** Reads the waiting events; true when one of them was about the watched file. */
    public boolean changed() {
        boolean hit = false;
        long n;
        while ((n = Libc.read(fd, buf, buf.byteSize())) > 0) {
            for (long at = 0; at + EVENT_HEADER <= n; ) {
                int len = buf.get(ValueLayout.JAVA_INT, at + 12);
                if (len > 0 && at + EVENT_HEADER + len <= n) {
                    byte[] raw = buf.asSlice(at + EVENT_HEADER, len).toArray(ValueLayout.JAVA_BYTE);
                    int end = 0;
                    while (end < raw.length && raw[end] != 0) end++;
                    if (name.equals(new String(raw, 0, end, StandardCharsets.UTF_8))) hit = true;
                }
                at += EVENT_HEADER + len;
            }
        }
        return hit;
    }

    @Override
    public void close() {
        Libc.close(fd);
        arena.close();
    }
}
