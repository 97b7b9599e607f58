package org.thinktrace.cli;

import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.model.SyntheticCheckpoint;

import java.nio.file.Path;

/**
 * The options of {@code thinktrace bench}.
 *
 * @param model     the model folder to measure, or null with {@code synthetic}
 * @param synthetic the synthetic model name, or null with {@code model}
 * @param cache     where the synthetic checkpoint is written once and reused
 * @param threads   PyTorch intra-op threads (and the decode split over two threads when at least 2)
 * @param precision weight precision (Auto is resolved when the model's config is read)
 * @param context   KV cache capacity in tokens
 * @param runs      repetitions of each timing, whose median is reported
 */
record BenchOptions(Path model, String synthetic, Path cache, int threads, PrecisionChoice precision,
                    int context, int runs) {

    /** Longest prompt measured; the context must hold it. */
    static final int MIN_CONTEXT = 512;

    /**
     * Checks the options as given ({@code model}, {@code synthetic}, {@code cache} and {@code dtype} may be null).
     *
     * @throws UsageException naming the option that is wrong
     */
    static BenchOptions of(Path model, String synthetic, Path cache, int threads, String dtype, int context, int runs)
            throws UsageException {
        String name = synthetic == null ? null : syntheticName(synthetic);
        Threads.check("--threads", threads);
        if (context < 1) throw new UsageException("--context must be at least 1, got " + context);
        if (runs < 1) throw new UsageException("--runs must be at least 1, got " + runs);
        PrecisionChoice precision = dtype == null ? PrecisionChoice.of(ComputePrecision.FP32) : PrecisionOption.parse(dtype);
        if ((model == null) == (name == null)) {
            throw new UsageException("give exactly one of --model DIR and --synthetic NAME");
        }
        if (context < MIN_CONTEXT) {
            throw new UsageException("--context " + context + " is too small: the benchmark needs "
                    + MIN_CONTEXT + " tokens");
        }
        if (name != null && cache == null) {
            cache = Path.of(System.getProperty("user.home"), ".cache", "thinktrace", "synthetic-" + name);
        }
        return new BenchOptions(model, name, cache, threads, precision, context, runs);
    }

    private static String syntheticName(String value) throws UsageException {
        if (!SyntheticCheckpoint.names().contains(value)) {
            throw new UsageException("unknown synthetic model '" + value + "'; known: "
                    + String.join(", ", SyntheticCheckpoint.names()));
        }
        return value;
    }
}
