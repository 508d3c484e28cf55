package io.ptp4j.linux.ntpshm;

import io.ptp4j.linux.NativeException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * ntpd's shared-memory reference clock ("refclock SHM N" in chrony.conf, 127.127.28.N in ntp.conf):
 * a System V segment with key 0x4e545030 + N holding one struct shmTime, written in mode 1 (count
 * bumped before and after the write, so the reader can tell a torn read) as linuxptp's ntpshm.c
 * does. The layout is x86-64/aarch64 LP64: int mode @0, int count @4, time_t clockSec @8, int
 * clockUSec @16, time_t receiveSec @24, int receiveUSec @32, int leap @36, int precision @40,
 * int nsamples @44, int valid @48, int clockNSec @52, int receiveNSec @56, int dummy[8]; 96 bytes.
 */
public final class NtpShmSegment implements AutoCloseable {
    public static final int KEY_BASE = 0x4e545030;
    static final long SIZE = 96;
    static final int IPC_CREAT = 01000, IPC_PRIVATE = 0, IPC_RMID = 0;
    public static final int LEAP_NORMAL = 0, LEAP_INSERT = 1, LEAP_DELETE = 2;
    private static final long NS = 1_000_000_000L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
    // with captureCallState the state segment is a leading argument of the handle, not of the C function
    private static final MethodHandle SHMGET = handle("shmget", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
    private static final MethodHandle SHMAT = handle("shmat", FunctionDescriptor.of(ValueLayout.ADDRESS,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SHMDT = handle("shmdt", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SHMCTL = handle("shmctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private final int shmid;
    private final MemorySegment shm;
    private boolean closed;

    private NtpShmSegment(int shmid, MemorySegment shm) {
        this.shmid = shmid;
        this.shm = shm;
    }

    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO);
    }

    /** Attaches (creating it, mode 0600) the segment chrony/ntpd read as SHM {@code segment}. */
    public static NtpShmSegment attach(int segment) throws NativeException {
        return attachKey(KEY_BASE + segment);
    }

    /** A private segment nobody else can find (tests); {@link #remove()} deletes it. */
    public static NtpShmSegment attachPrivate() throws NativeException {
        return attachKey(IPC_PRIVATE);
    }

    private static NtpShmSegment attachKey(int key) throws NativeException {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int id = (int) SHMGET.invokeExact(state, key, SIZE, IPC_CREAT | 0600);
            if (id < 0) throw new NativeException("ntpshm: shmget", errno(state), String.format("key 0x%08x", key));
            MemorySegment addr = (MemorySegment) SHMAT.invokeExact(state, id, MemorySegment.NULL, 0);
            if (addr.address() == -1L) throw new NativeException("ntpshm: shmat", errno(state), String.format("key 0x%08x", key));
            return new NtpShmSegment(id, addr.reinterpret(SIZE));
        } catch (NativeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("shmget/shmat", t);
        }
    }

    private static int errno(MemorySegment state) {
        VarHandle h = Linker.Option.captureStateLayout().varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
        return (int) h.get(state, 0L);
    }

    /**
     * Publishes one sample: the reference (master) time and the local clock's time of the same
     * instant, ns since 1970 (ntpshm.c: clock = local - offset, receive = local), precision 2^-30 s.
     */
    public void write(long clockNanos, long receiveNanos, int leap) {
        shm.set(ValueLayout.JAVA_INT, 0, 1);
        shm.set(ValueLayout.JAVA_INT, 4, shm.get(ValueLayout.JAVA_INT, 4) + 1);
        shm.set(ValueLayout.JAVA_INT, 48, 0);
        VarHandle.releaseFence(); // the reader must see valid=0 and the first count bump before the data
        long cs = Math.floorDiv(clockNanos, NS), cn = Math.floorMod(clockNanos, NS);
        long rs = Math.floorDiv(receiveNanos, NS), rn = Math.floorMod(receiveNanos, NS);
        shm.set(ValueLayout.JAVA_LONG, 8, cs);
        shm.set(ValueLayout.JAVA_INT, 52, (int) cn);
        shm.set(ValueLayout.JAVA_INT, 16, (int) (cn / 1000));
        shm.set(ValueLayout.JAVA_LONG, 24, rs);
        shm.set(ValueLayout.JAVA_INT, 56, (int) rn);
        shm.set(ValueLayout.JAVA_INT, 32, (int) (rn / 1000));
        shm.set(ValueLayout.JAVA_INT, 40, -30);
        shm.set(ValueLayout.JAVA_INT, 36, leap);
        VarHandle.releaseFence(); // the data before the second count bump and valid=1
        shm.set(ValueLayout.JAVA_INT, 4, shm.get(ValueLayout.JAVA_INT, 4) + 1);
        shm.set(ValueLayout.JAVA_INT, 48, 1);
    }

    /** The raw struct shmTime (tests read it back). */
    public MemorySegment memory() {
        return shm;
    }

    /** Marks the segment for deletion (it goes when the last process detaches). */
    public void remove() {
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int ignored = (int) SHMCTL.invokeExact(state, shmid, IPC_RMID, MemorySegment.NULL); // best effort
        } catch (Throwable t) {
            throw new IllegalStateException("shmctl", t);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try (var arena = java.lang.foreign.Arena.ofConfined()) {
            MemorySegment state = arena.allocate(Linker.Option.captureStateLayout());
            int ignored = (int) SHMDT.invokeExact(state, shm); // best effort: the process is ending
        } catch (Throwable t) {
            throw new IllegalStateException("shmdt", t);
        }
    }
}
