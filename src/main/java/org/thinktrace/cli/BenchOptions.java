package org.thinktrace.cli;

import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.SyntheticCheckpoint;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    static final String USAGE = """
            usage: thinktrace bench (--model DIR | --synthetic NAME) [options]
              --model DIR               the model folder to measure (required unless --synthetic)
              --synthetic NAME          random weights with a real model's shapes: qwen2-1.5b (required unless --model)
              --cache DIR               where the synthetic checkpoint is kept (default ~/.cache/thinktrace/synthetic-NAME)
              --threads N               PyTorch threads (default: one per available processor)
              --dtype D                 weight precision, fp32 or fp16 (default fp32)
              --context N               KV cache capacity in tokens, at least 512 (default 1024)
              --runs N                  repetitions of each timing, the median is reported (default 3)
            """;

    private static final Set<String> VALUED = Set.of("--model", "--synthetic", "--cache", "--threads", "--dtype",
            "--context", "--runs");

    /** Longest prompt measured; the context must hold it. */
    static final int MIN_CONTEXT = 512;

    static BenchOptions parse(List<String> args) throws UsageException {
        CommandLine line = CommandLine.parse(args, VALUED, Set.of());
        line.requireNoPositional();
        Path model = line.value("--model") == null ? null : Path.of(line.value("--model"));
        String synthetic = line.value("--synthetic") == null ? null : syntheticName(line.value("--synthetic"));
        Path cache = line.value("--cache") == null ? null : Path.of(line.value("--cache"));
        int threads = line.positiveIntValue("--threads", Runtime.getRuntime().availableProcessors());
        ComputePrecision precision = line.value("--dtype") == null ? ComputePrecision.FP32 : precision(line.value("--dtype"));
        int context = line.positiveIntValue("--context", 1024);
        int runs = line.positiveIntValue("--runs", 3);
        if ((model == null) == (synthetic == null)) {
            throw new UsageException("give exactly one of --model DIR and --synthetic NAME");
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
}
