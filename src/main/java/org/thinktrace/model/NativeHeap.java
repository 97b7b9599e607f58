package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the C heap that PyTorch allocates from gives memory back to the system.
 *
 * <p>PyTorch's CPU tensors come from {@code malloc}. glibc keeps freed blocks below its mmap
 * threshold in its heaps for reuse, and raises that threshold (up to 32 MiB) each time a larger
 * mmapped block is freed. An FP16 prefill widens each weight to a temporary FP32 copy (up to 55 MB
 * at 1.5B shapes) and frees it after its product: with the default policy those blocks stay in
 * the heap, scattered between activations, and the process keeps their pages resident.
 * {@link #returnLargeBlocksOnFree()} fixes the threshold at {@value #LARGE_BLOCK_BYTES} bytes so
 * that every block of that size or more is its own mapping, unmapped when freed.
 *
 * <p>Linux with glibc only (called through JNA, which DJL already ships); elsewhere it does
 * nothing and says so. The setting is process-wide and affects only later allocations.
 */
public final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    /** Blocks of this many bytes or more are mapped on their own and unmapped when freed. */
    static final int LARGE_BLOCK_BYTES = 1 << 20;

    /** glibc's {@code M_MMAP_THRESHOLD} parameter of {@code mallopt} ({@code malloc.h}). */
    private static final int M_MMAP_THRESHOLD = -3;

    /** The outcome of a request, with a reason when it did not apply. */
    public record Policy(boolean applied, String description) {
    }

    private static Policy applied;

    private NativeHeap() {
    }

    /**
     * Makes the C heap return every freed block of {@value #LARGE_BLOCK_BYTES} bytes or more to
     * the system at once. Idempotent; safe to call from any thread.
     *
     * @return whether it applied, and a description for the log
     */
    public static synchronized Policy returnLargeBlocksOnFree() {
        if (applied == null) {
            applied = apply();
        }
        return applied;
    }

    private static Policy apply() {
        Libc.Binding libc = Libc.binding();
        if (libc.calls() == null) {
            return new Policy(false, "C heap policy left as is (" + libc.unavailable() + ")");
        }
        try {
            if (libc.calls().mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK_BYTES) != 1) {
                return new Policy(false, "C heap policy left as is (mallopt refused M_MMAP_THRESHOLD)");
            }
            return new Policy(true, "C heap returns freed blocks of " + (LARGE_BLOCK_BYTES >> 20) + " MiB or more");
        } catch (UnsatisfiedLinkError e) {
            // musl and other C libraries have no mallopt
            LOG.info("glibc's mallopt is not available", e);
            return new Policy(false, "C heap policy left as is (no glibc mallopt: " + e.getMessage() + ")");
        }
    }
}
