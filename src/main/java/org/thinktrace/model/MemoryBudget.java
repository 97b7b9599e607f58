package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a model's weights fit in the memory the machine has free, checked before any weight is read: a model
 * too big otherwise ends deep in PyTorch with "can't allocate memory", or in the kernel's OOM killer.
 */
final class MemoryBudget {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private MemoryBudget() {
    }

    /** {@code MemAvailable} of {@code /proc/meminfo} in bytes, or -1 where it cannot be read (not Linux). */
    static long availableBytes() {
        if (!Files.isReadable(MEMINFO)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            org.slf4j.LoggerFactory.getLogger(MemoryBudget.class).warn("cannot read {}", MEMINFO, e);
        }
        return -1;
    }

    /**
     * Refuses to load when the weights need more than is free.
     *
     * @param needed      bytes the weights take in {@code precision}
     * @param halfNeeded  bytes they would take with FP16 matrices
     * @param available   free bytes, or a negative number when unknown (then nothing is checked)
     * @throws CheckpointException naming the model, both figures and what to try
     */
    static void require(Path source, long needed, ComputePrecision precision, long halfNeeded, long available) {
        if (available < 0 || needed <= available) {
            return;
        }
        String advice = precision == ComputePrecision.FP32 && halfNeeded <= available
                ? ": try --dtype fp16 (FP16 weights need " + gigabytes(halfNeeded) + ")"
                : ": close other programs or use a smaller model";
        throw new CheckpointException(source, "this model needs " + gigabytes(needed) + " in " + precision.name() + "; "
                + gigabytes(available) + (available == 1L << 30 ? " is" : " are") + " free" + advice);
    }

    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
