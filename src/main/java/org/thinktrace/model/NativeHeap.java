package org.thinktrace.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * How the C heap that PyTorch allocates from serves large blocks.
 *
 * <p>PyTorch's CPU tensors come from {@code malloc}. glibc gives every block of at least its mmap threshold a
 * mapping of its own and unmaps it when the block is freed, so the next block of that size faults each of its pages
 * in afresh. A prompt's activations are such blocks: megabytes each, made and freed layer after layer ([512, 8960]
 * FP32 is 18 MB at the R1-Distill-Qwen-1.5B shapes, and a 512-token prompt maps about 8 GB afresh that way). glibc's
 * own threshold starts at 128 KiB and rises, up to 32 MiB, only as such blocks are freed.
 * {@link #reuseActivationBlocks()} fixes the mmap threshold at {@value #MMAP_THRESHOLD_BYTES} bytes, above the MLP
 * activations of a 512-token prompt at every supported size (a 70B MLP's [512, 28672] FP32 is 58.7 MB), so that
 * freed activations are reused from the heap from the first prompt on, and the trim threshold at
 * {@value #TRIM_THRESHOLD_BYTES} bytes, so that the top of the heap is not given back and faulted in again between
 * layers. Blocks above the mmap threshold still get mappings of their own, given back when freed.
 *
 * <p>Linux with glibc only (called through JNA, which DJL already ships); elsewhere it does nothing and says so.
 * Thresholds set in the environment ({@code MALLOC_MMAP_THRESHOLD_}, {@code MALLOC_TRIM_THRESHOLD_}, or
 * {@code GLIBC_TUNABLES}: the launcher sets them for training) win: then it does nothing either. The setting is
 * process-wide and affects only later allocations.
 */
public final class NativeHeap {

    private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

    /** Blocks below this many bytes are served from the heap and reused there once freed. */
    static final int MMAP_THRESHOLD_BYTES = 64 << 20;

    /** Free memory at the heap's top is given back to the system only beyond this many bytes. */
    static final int TRIM_THRESHOLD_BYTES = 64 << 20;

    /** glibc's {@code M_TRIM_THRESHOLD} parameter of {@code mallopt} ({@code malloc.h}). */
    private static final int M_TRIM_THRESHOLD = -1;
    /** glibc's {@code M_MMAP_THRESHOLD} parameter of {@code mallopt} ({@code malloc.h}). */
    private static final int M_MMAP_THRESHOLD = -3;

    /** The outcome of a request, with a reason when it did not apply. */
    public record Policy(boolean applied, String description) {
    }

    private static Policy applied;

    private NativeHeap() {
    }

    /**
     * Makes the C heap keep freed blocks below {@value #MMAP_THRESHOLD_BYTES} bytes for reuse, unless the
     * environment sets glibc's thresholds itself. Idempotent; safe to call from any thread.
     *
     * @return whether it applied, and a description for the log
     */
    public static synchronized Policy reuseActivationBlocks() {
        if (applied == null) {
            applied = apply(System.getenv());
        }
        return applied;
    }

    /** The environment variable that sets glibc's thresholds, or null when none does. */
    static String thresholdsSetBy(Map<String, String> environment) {
        for (String name : new String[] {"MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_"}) {
            if (environment.containsKey(name)) {
                return name;
            }
        }
        String tunables = environment.getOrDefault("GLIBC_TUNABLES", "");
        return tunables.contains("glibc.malloc.mmap_threshold") || tunables.contains("glibc.malloc.trim_threshold")
                ? "GLIBC_TUNABLES" : null;
    }

    private static Policy apply(Map<String, String> environment) {
        String setBy = thresholdsSetBy(environment);
        if (setBy != null) {
            return new Policy(false, "C heap thresholds left as " + setBy + " sets them");
        }
        Libc.Binding libc = Libc.binding();
        if (libc.calls() == null) {
            return new Policy(false, "C heap policy left as is (" + libc.unavailable() + ")");
        }
        try {
            if (libc.calls().mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) != 1) {
                return new Policy(false, "C heap policy left as is (mallopt refused M_MMAP_THRESHOLD)");
            }
            if (libc.calls().mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) != 1) {
                return new Policy(false, "C heap keeps freed blocks below " + (MMAP_THRESHOLD_BYTES >> 20)
                        + " MiB for reuse (mallopt refused M_TRIM_THRESHOLD)");
            }
            return new Policy(true, "C heap keeps freed blocks below " + (MMAP_THRESHOLD_BYTES >> 20) + " MiB for reuse");
        } catch (UnsatisfiedLinkError e) {
            // musl and other C libraries have no mallopt
            LOG.info("glibc's mallopt is not available", e);
            return new Policy(false, "C heap policy left as is (no glibc mallopt: " + e.getMessage() + ")");
        }
    }
}
