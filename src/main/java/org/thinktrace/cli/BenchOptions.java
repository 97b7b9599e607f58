package org.thinktrace.cli;

import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.SyntheticCheckpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The options of {@code thinktrace bench}.
 *
 * @param model     the model folder to measure, or null with {@code synthetic}
 * @param synthetic the synthetic model name, or null with {@code model}
 * @param cache     where the synthetic checkpoint is written once and reused
 * @param threads   PyTorch intra-op threads (and the decode split over two threads when at least 2)
 * @param precision weight precision
 * @param context   KV cache capacity in tokens
 * @param runs      repetitions of each timing, whose median is reported
 */
record BenchOptions(Path model, String synthetic, Path cache, int threads, ComputePrecision precision,
                    int context, int runs) {

    static final String USAGE = "usage: thinktrace bench (--model DIR | --synthetic qwen2-1.5b) [--cache DIR]"
            + " [--threads N] [--dtype fp32|fp16] [--context N] [--runs N]";

    /** Longest prompt measured; the context must hold it. */
    static final int MIN_CONTEXT = 512;

    static BenchOptions parse(List<String> args) throws UsageException {
        Path model = null;
        String synthetic = null;
        Path cache = null;
        int threads = Runtime.getRuntime().availableProcessors();
        ComputePrecision precision = ComputePrecision.FP32;
        int context = 1024;
        int runs = 3;
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value; " + USAGE);
            }
            String value = args.get(++i);
            switch (option) {
                case "--model" -> model = Path.of(value);
                case "--synthetic" -> synthetic = syntheticName(value);
                case "--cache" -> cache = Path.of(value);
                case "--threads" -> threads = positive(option, value);
                case "--dtype" -> precision = precision(value);
                case "--context" -> context = positive(option, value);
                case "--runs" -> runs = positive(option, value);
                default -> throw new UsageException("unknown option " + option + "; " + USAGE);
            }
        }
        if ((model == null) == (synthetic == null)) {
            throw new UsageException("give exactly one of --model DIR and --synthetic NAME; " + USAGE);
        }
        if (context < MIN_CONTEXT) {
            throw new UsageException("--context " + context + " is too small: the benchmark needs "
                    + MIN_CONTEXT + " tokens");
        }
        if (synthetic != null && cache == null) {
            cache = Path.of(System.getProperty("user.home"), ".cache", "thinktrace", "synthetic-" + synthetic);
        }
        return new BenchOptions(model, synthetic, cache, threads, precision, context, runs);
    }

    private static String syntheticName(String value) throws UsageException {
        if (!SyntheticCheckpoint.names().contains(value)) {
            throw new UsageException("unknown synthetic model '" + value + "'; known: "
                    + String.join(", ", SyntheticCheckpoint.names()));
        }
        return value;
    }

    private static ComputePrecision precision(String value) throws UsageException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "fp32" -> ComputePrecision.FP32;
            case "fp16" -> ComputePrecision.FP16;
            default -> throw new UsageException("--dtype must be fp32 or fp16, got '" + value + "'");
        };
    }

    private static int positive(String option, String value) throws UsageException {
        String message = option + " needs a positive whole number, got '" + value + "'";
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException(message, e);
        }
        if (n < 1) {
            throw new UsageException(message);
        }
        return n;
    }
}
