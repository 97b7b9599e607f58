package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.ToLongFunction;

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
     * @param precision the precision asked for
     * @param bytesIn   bytes the weights take in a precision
     * @param available free bytes, or a negative number when unknown (then nothing is checked)
     * @throws CheckpointException naming the model, both figures and what to try: the largest smaller precision
     *                             whose weights fit, if any
     */
    static void require(Path source, ComputePrecision precision, ToLongFunction<ComputePrecision> bytesIn, long available) {
        long needed = bytesIn.applyAsLong(precision);
        if (available < 0 || needed <= available) {
            return;
        }
        String advice = ": close other programs or use a smaller model";
        for (ComputePrecision smaller : ComputePrecision.values()) {
            long smallerNeeded = bytesIn.applyAsLong(smaller);
            if (smaller.ordinal() > precision.ordinal() && smallerNeeded < needed && smallerNeeded <= available) {
                advice = ": try --dtype " + smaller.name().toLowerCase(Locale.ROOT) + " (" + smaller.name()
                        + " weights need " + gigabytes(smallerNeeded) + ")";
                break;
            }
        }
        throw new CheckpointException(source, "this model needs " + gigabytes(needed) + " in " + precision.name() + "; "
                + gigabytes(available) + (available == 1L << 30 ? " is" : " are") + " free" + advice);
    }

    static String gigabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
