package org.thinktrace.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Native memory stays flat over thousands of decode steps: no array outlives its step. */
class DecodeMemoryTest {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final int STEPS = 2_000;
    private static final int WARM_UP_STEPS = 1_000;
    private static final long RSS_GROWTH_LIMIT_KB = 64 * 1024;

    @Test
    void liveArraysAndRssStayFlatOver2000DecodeSteps() throws IOException {
        ModelConfig config = TinyModels.qwen2();
        try (NDManager root = NDManager.newBaseManager();
             Decoder decoder = new Decoder(DecoderWeights.fromFloatArrays(config, root,
                     TinyModels.randomWeights(config, 31)), 64)) {
            int token = 1;
            // warm-up: JIT compilation and allocator arenas settle before the baseline is taken
            for (int i = 0; i < WARM_UP_STEPS; i++) {
                token = step(decoder, token);
            }
            int arraysBefore = root.getManagedArrays().size();
            long rssBefore = nativeResidentKilobytes();
            for (int i = 0; i < STEPS; i++) {
                token = step(decoder, token);
            }
            int arraysAfter = root.getManagedArrays().size();
            assertEquals(arraysBefore, arraysAfter, "live NDArrays after " + STEPS + " steps");
            int expected = ParameterSpec.all(config).size() + 2 * config.numHiddenLayers() + 3;
            assertTrue(arraysAfter <= expected, arraysAfter + " live arrays, expected at most " + expected
                    + " (parameters, cache, constants)");
            if (rssBefore > 0) {
                long growth = nativeResidentKilobytes() - rssBefore;
                assertTrue(growth < RSS_GROWTH_LIMIT_KB, "RSS outside the heap grew by " + growth + " kB over " + STEPS
                        + " steps (from " + rssBefore + " kB)");
            }
        }
    }

    /** Feeds one token (restarting when the cache is full) and returns the greedy next one. */
    private static int step(Decoder decoder, int token) {
        if (decoder.position() == decoder.contextLength()) {
            decoder.truncate(0);
        }
        return Stories260kTest.argmax(decoder.forward(new int[] {token}));
    }

    /**
     * VmRSS minus what the JVM itself has committed (heap after a full collection, plus non-heap
     * pools: code cache, metaspace), in kB: the resident memory where PyTorch's tensors live. Without
     * the collection, eden regions touched for the first time would look like growth; without the
     * non-heap pools, JIT compilation of the decode loop would. -1 where /proc is unavailable.
     */
    private static long nativeResidentKilobytes() throws IOException {
        System.gc();
        long rss = residentKilobytes();
        if (rss < 0) {
            return -1;
        }
        var memory = ManagementFactory.getMemoryMXBean();
        long jvmCommitted = memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
        return rss - jvmCommitted / 1024;
    }

    /** VmRSS in kB, or -1 where /proc is unavailable (not Linux). Also used by {@link NativeHeapTest}. */
    static long residentKilobytes() throws IOException {
        if (!Files.isReadable(STATUS)) {
            return -1;
        }
        for (String line : Files.readAllLines(STATUS)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
