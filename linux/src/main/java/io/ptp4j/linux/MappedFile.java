package io.ptp4j.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * A file mapped into shared memory for other processes to read (a virtual clock's parameters, a
 * ClockBound segment): its path, the mapping, and the arena that owns it. Closing unmaps it and,
 * for the writer that owns the file, deletes it.
 *
 * <p>Internal to ptp4j's linux module; public only because its subpackages use it.
 */
public final class MappedFile implements AutoCloseable {
    /** Checks or prepares the opened file and maps it into {@code arena}. */
    @FunctionalInterface
    public interface Mapping {
        MemorySegment map(FileChannel ch, Arena arena) throws IOException;
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment segment;
    private final boolean deleteOnClose;

    private MappedFile(Path path, Arena arena, MemorySegment segment, boolean deleteOnClose) {
        this.path = path;
        this.arena = arena;
        this.segment = segment;
        this.deleteOnClose = deleteOnClose;
    }

    /** Opens {@code path} with {@code options} and maps it with {@code mapping}; nothing stays mapped if that fails. */
    public static MappedFile map(Path path, boolean deleteOnClose, Mapping mapping, OpenOption... options) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, options)) {
            return new MappedFile(path, arena, mapping.map(ch, arena), deleteOnClose);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Unmaps the file and, with deleteOnClose, deletes it (best effort). */
    @Override
    public void close() {
        arena.close();
        if (deleteOnClose) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // best effort: a file left behind goes stale (readers can tell)
            }
        }
    }

    /** Creates the directory {@code path} is to be in, when it has one (a writer's first step). */
    public static void createParent(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
    }

    public Path path() {
        return path;
    }

    public MemorySegment segment() {
        return segment;
    }
}
