package org.thinktrace.cli;

import org.thinktrace.generate.GgufModelFile;
import org.thinktrace.inspect.ConvergenceProbe;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.Decoder;
import org.thinktrace.model.GgufFile;
import org.thinktrace.model.GgufModelConfig;
import org.thinktrace.model.GgufTensorType;
import org.thinktrace.model.GgufWeightPrecision;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.DjlRuntime;
import org.thinktrace.model.QuantizedProjectionKernel;
import org.thinktrace.model.ModelConfig;
import org.thinktrace.model.ModelConfigLoader;
import org.thinktrace.model.RuntimeSettings;
import org.thinktrace.model.SyntheticCheckpoint;
import org.thinktrace.model.SyntheticGguf;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code thinktrace bench}: loads a model (or a random-weight checkpoint with real shapes) and
 * measures loading, prefill, decode, memory and weight bandwidth. Timings are medians over
 * {@code --runs} repetitions; token ids are random, since speed does not depend on them.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "measure load, prefill and decode speed of a model (or --synthetic qwen2-1.5b | qwen2-0.5b | qwen2-7b | qwen2-14b)")
public final class BenchCommand implements Callable<Integer> {

    private static final int SHORT_PROMPT = 64;
    private static final int LONG_PROMPT = 512;
    private static final int DECODE_TOKENS = 128;
    private static final double GB = 1e9;
    /** Thinking tokens of the trace a convergence probe is timed in. */
    private static final int PROBED_TRACE = 400;

    /** The largest {@code --batch}. */
    static final int MAX_BATCH = 64;

    /** Below this many bytes of weights, weight bandwidth and memory ratios measure overheads, not the model. */
    private static final long BANDWIDTH_FLOOR_BYTES = 50_000_000;

    private final CommandIo io;

    @Option(names = "--model", paramLabel = "DIR|FILE.gguf",
            description = "the model folder or GGUF file to measure (required unless --synthetic)")
    Path model;

    @Option(names = "--synthetic", paramLabel = "NAME",
            description = "random weights with a real model's shapes: qwen2-1.5b, qwen2-0.5b, qwen2-7b or qwen2-14b"
                    + " (required unless --model)")
    String synthetic;

    @Option(names = "--gguf", paramLabel = "TYPE",
            description = "with --synthetic: write (once) and measure a GGUF file of random Q8_0 or Q4_0 blocks"
                    + " instead of BF16 safetensors (7B in BF16 takes 15 GB of disk, in Q8_0 8 GB; default: BF16 safetensors)")
    String gguf;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "where the synthetic checkpoint is kept (default ~/.cache/thinktrace/synthetic-NAME)")
    Path cache;

    @Option(names = "--threads", paramLabel = "N",
            description = "PyTorch threads, at most the processors (default: as the app, one per available processor,"
                    + " or one for a model whose matrices are too small for more to pay)")
    Integer threads;

    @Option(names = "--dtype", paramLabel = "D", completionCandidates = PrecisionOption.Names.class,
            description = "weight precision: ${COMPLETION-CANDIDATES} (default fp32)")
    String dtype;

    @Option(names = "--context", paramLabel = "N",
            description = "KV cache capacity in tokens, at least 512 (default ${DEFAULT-VALUE})")
    int context = 1024;

    @Option(names = "--batch", paramLabel = "N",
            description = "also decode N continuations of the prompt together and report their aggregate rate,"
                    + " 2 to " + MAX_BATCH + " (default: not measured)")
    int batch;

    @Option(names = "--runs", paramLabel = "N",
            description = "repetitions of each timing, the median is reported (default ${DEFAULT-VALUE})")
    int runs = 3;

    BenchCommand(CommandIo io) {
        this.io = io;
    }

    @Override
    public Integer call() throws UsageException, IOException {
        BenchOptions options = BenchOptions.of(model, synthetic, cache,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads, dtype, context, runs);
        GgufTensorType ggufType = syntheticGgufType();
        if (batch != 0 && (batch < 2 || batch > MAX_BATCH)) {
            throw new UsageException("--batch must be between 2 and " + MAX_BATCH + ", got " + batch);
        }
        PrintStream out = io.out();
        PrintStream err = io.err();
        Path folder = options.model() != null ? options.model()
                : ggufType != null ? prepareSyntheticGguf(options, ggufType, out) : prepareSynthetic(options, out);
        GgufFile gguf = GgufModelFile.isGgufFile(folder) ? GgufFile.read(folder) : null;
        ModelConfig modelConfig = gguf != null ? GgufModelConfig.read(gguf) : ModelConfigLoader.load(folder);
        RuntimeSettings asked = RuntimeSettings.defaults().withThreads(options.threads());
        ComputePrecision precision = gguf != null && options.precision().isAuto()
                ? GgufWeightPrecision.auto(gguf, modelConfig) : options.precision().resolve(modelConfig);
        RuntimeSettings settings = (threads == null ? asked.fittedTo(modelConfig) : asked).withCpuPrecision(precision);
        DjlRuntime runtime = DjlRuntime.start(settings);
        runtime.prepareInferenceThread();
        out.printf("model            %s%n", folder.toAbsolutePath());
        out.printf("runtime          %s, %d cores%n", runtime.describe(), Runtime.getRuntime().availableProcessors());
        if (runtime.precision().isQuantized()) {
            out.printf("%-16s %s%n", runtime.precision().label().toLowerCase(java.util.Locale.ROOT) + " decode",
                    QuantizedProjectionKernel.decodeKernelName(runtime.precision()));
        }

        long[] checkpointBytes = new long[1];
        LoadProgressBar bar = new LoadProgressBar(err, Terminal.interactive());
        long start = System.nanoTime();
        try (Decoder decoder = Decoder.load(folder, settings, options.context(), (stage, done, total) -> {
            if (stage == LoadProgress.Stage.WEIGHTS) checkpointBytes[0] = total;
            bar.update(stage, done, total);
        })) {
            double loadSeconds = seconds(start);
            bar.finish();
            ModelConfig config = decoder.config();
            boolean large = checkpointBytes[0] >= BANDWIDTH_FLOOR_BYTES;
            out.printf("load             %.2f s%s (%s of checkpoint)%n", loadSeconds,
                    large ? String.format(", %.2f GB/s", checkpointBytes[0] / GB / loadSeconds) : "",
                    size(checkpointBytes[0]));
            long weightBytes = decoder.weights().byteSize();
            out.printf("memory           %s of weights, %s of KV cache (%d tokens)%n",
                    size(weightBytes), size(decoder.cacheBytes()), decoder.contextLength());
            Random random = new Random(42);
            IntSupplier token = () -> random.nextInt(config.vocabSize());
            timePrefill(decoder, 16, token);                    // warm-up: first-call allocations and JIT

            double shortSeconds = median(options.runs(), () -> timePrefill(decoder, SHORT_PROMPT, token));
            out.printf("prefill %-8d %.1f tokens/s, time to first token %.2f s%n",
                    SHORT_PROMPT, SHORT_PROMPT / shortSeconds, shortSeconds);
            double longSeconds = median(options.runs(), () -> timePrefill(decoder, LONG_PROMPT, token));
            out.printf("prefill %-8d %.1f tokens/s, time to first token %.2f s%n",
                    LONG_PROMPT, LONG_PROMPT / longSeconds, longSeconds);
            double decodeSeconds = median(options.runs(), () -> timeDecode(decoder, token));
            double tokensPerSecond = DECODE_TOKENS / decodeSeconds;
            long perToken = decoder.weights().bytesReadPerToken();
            out.printf("decode %-9d %.2f tokens/s (after a %d-token prompt)%n",
                    DECODE_TOKENS, tokensPerSecond, SHORT_PROMPT);
            if (large) {
                out.printf("weight reads     %s per token, %.1f GB/s achieved%n",
                        size(perToken), perToken * tokensPerSecond / GB);
            }
            if (batch > 0) {
                double batchSeconds = median(options.runs(), () -> timeBatchDecode(decoder, batch, token));
                double aggregate = batch * DECODE_TOKENS / batchSeconds;
                out.printf("decode batch %-3d %.2f tokens/s in all, %.2f per sequence, %.2f x one sequence%n",
                        batch, aggregate, aggregate / batch, aggregate / tokensPerSecond);
            }
            double probeSeconds = median(options.runs(), () -> timeConvergenceProbe(decoder, token));
            out.printf("convergence probe %.3f s per step boundary (%d answer tokens, %d-token trace)%n",
                    probeSeconds, ConvergenceProbe.DEFAULT_ANSWER_TOKENS, PROBED_TRACE);
            double togetherSeconds = median(options.runs(), () -> timeConvergenceProbesTogether(decoder, token));
            out.printf("convergence probes %.3f s per step boundary, %d decoded together as the inspector runs them%n",
                    togetherSeconds / PROBES_TOGETHER, PROBES_TOGETHER);
            long peak = ProcessMemory.peakResidentBytes();
            if (peak > 0 && large) {
                out.printf("peak RSS         %s (VmHWM), %.2f x (weights + KV cache)%n",
                        size(peak), (double) peak / (weightBytes + decoder.cacheBytes()));
            } else if (peak > 0) {
                out.printf("peak RSS         %s (VmHWM; the runtime, not this tiny model's weights)%n", size(peak));
            }
        }
        return 0;
    }

    private static Path prepareSynthetic(BenchOptions options, PrintStream out) throws IOException {
        SyntheticCheckpoint synthetic = SyntheticCheckpoint.named(options.synthetic());
        Path folder = options.cache();
        if (!Files.isRegularFile(folder.resolve("model.safetensors"))) {
            out.printf("writing the random-weight %s checkpoint to %s (once)%n", synthetic.name(), folder);
        }
        long start = System.nanoTime();
        if (synthetic.writeIfAbsent(folder, 1234)) {
            out.printf("written in %.1f s%n", seconds(start));
        }
        return folder;
    }

    /** The block type {@code --gguf} names, or null without it. */
    private GgufTensorType syntheticGgufType() throws UsageException {
        if (gguf == null) {
            return null;
        }
        if (synthetic == null) {
            throw new UsageException("--gguf writes a synthetic model: give it with --synthetic NAME");
        }
        return switch (gguf.toUpperCase(java.util.Locale.ROOT)) {
            case "Q8_0" -> GgufTensorType.Q8_0;
            case "Q4_0" -> GgufTensorType.Q4_0;
            default -> throw new UsageException("--gguf is Q8_0 or Q4_0, got '" + gguf + "'");
        };
    }

    private static Path prepareSyntheticGguf(BenchOptions options, GgufTensorType type, PrintStream out) throws IOException {
        SyntheticCheckpoint synthetic = SyntheticCheckpoint.named(options.synthetic());
        Files.createDirectories(options.cache());
        Path file = options.cache().resolve("model-" + type + ".gguf");
        if (!Files.isRegularFile(file)) {
            out.printf("writing the random-weight %s %s file to %s (once)%n", synthetic.name(), type, file);
        }
        long start = System.nanoTime();
        if (SyntheticGguf.writeIfAbsent(synthetic.modelConfig(), file, type, 1234)) {
            out.printf("written in %.1f s%n", seconds(start));
        }
        return file;
    }

    /** Seconds for one prefill of {@code length} random tokens into an empty cache. */
    private static double timePrefill(Decoder decoder, int length, IntSupplier token) {
        decoder.reset();
        int[] prompt = new int[length];
        Arrays.setAll(prompt, i -> token.getAsInt());
        long start = System.nanoTime();
        decoder.forward(prompt);
        return seconds(start);
    }

    /** Seconds for {@link #DECODE_TOKENS} greedy decode steps after a short prompt. */
    private static double timeDecode(Decoder decoder, IntSupplier token) {
        decoder.reset();
        int[] prompt = new int[SHORT_PROMPT];
        Arrays.setAll(prompt, i -> token.getAsInt());
        float[] logits = decoder.forward(prompt);
        long start = System.nanoTime();
        for (int i = 0; i < DECODE_TOKENS; i++) {
            logits = decoder.forward(new int[] {argmax(logits)});
        }
        return seconds(start);
    }

    /**
     * Seconds for {@link #DECODE_TOKENS} steps of {@code count} continuations of one short prompt decoded together
     * ({@link org.thinktrace.model.BranchDecoder}): each starts from its own random token, then goes on greedily.
     */
    private static double timeBatchDecode(Decoder decoder, int count, IntSupplier token) {
        decoder.reset();
        int[] prompt = new int[SHORT_PROMPT];
        Arrays.setAll(prompt, i -> token.getAsInt());
        decoder.forward(prompt);
        int[] all = new int[count];
        int[] ids = new int[count];
        Arrays.setAll(all, i -> i);
        Arrays.setAll(ids, i -> token.getAsInt());
        try (org.thinktrace.model.BranchDecoder branches = decoder.branches(count, DECODE_TOKENS)) {
            long start = System.nanoTime();
            for (int step = 0; step < DECODE_TOKENS; step++) {
                float[][] logits = branches.step(all, ids);
                for (int b = 0; b < count; b++) {
                    ids[b] = argmax(logits[b]);
                }
            }
            return seconds(start);
        }
    }

    /**
     * Seconds for what one answer-convergence probe costs inside a trace: cut the cache back to a step boundary in
     * the middle of a {@link #PROBED_TRACE}-token trace, run the 3-token end of thinking, decode
     * {@link ConvergenceProbe#DEFAULT_ANSWER_TOKENS} tokens greedily, and cut back again (the prefix is never
     * recomputed).
     */
    private static double timeConvergenceProbe(Decoder decoder, IntSupplier token) {
        cacheProbedTrace(decoder, token);
        int boundary = SHORT_PROMPT + PROBED_TRACE / 2;
        long start = System.nanoTime();
        decoder.truncate(boundary);
        float[] logits = decoder.forward(new int[] {token.getAsInt(), token.getAsInt(), token.getAsInt()});
        for (int i = 0; i < ConvergenceProbe.DEFAULT_ANSWER_TOKENS; i++) {
            logits = decoder.forward(new int[] {argmax(logits)});
        }
        decoder.truncate(boundary);
        return seconds(start);
    }

    /** Makes the decoder's cache hold a prompt and a {@link #PROBED_TRACE}-token trace of {@code token}'s ids. */
    private static void cacheProbedTrace(Decoder decoder, IntSupplier token) {
        decoder.reset();
        int[] trace = new int[SHORT_PROMPT + PROBED_TRACE];
        Arrays.setAll(trace, i -> token.getAsInt());
        decoder.forward(trace);
    }

    /** Step boundaries probed together in {@link #timeConvergenceProbesTogether}: as many as the inspector groups. */
    private static final int PROBES_TOGETHER = 8;

    /**
     * Seconds for {@link #PROBES_TOGETHER} answer-convergence probes decoded together, as the inspector runs a trace's
     * probes: branches of a {@link #PROBED_TRACE}-token trace cut at evenly spaced boundaries
     * ({@code Decoder.branchesAt}), each running the 3-token end of thinking and then
     * {@link ConvergenceProbe#DEFAULT_ANSWER_TOKENS} greedy tokens, one pass per token for all of them.
     */
    private static double timeConvergenceProbesTogether(Decoder decoder, IntSupplier token) {
        cacheProbedTrace(decoder, token);
        int[] cuts = new int[PROBES_TOGETHER];
        Arrays.setAll(cuts, b -> SHORT_PROMPT + (b + 1) * PROBED_TRACE / PROBES_TOGETHER);
        int[] end = {token.getAsInt(), token.getAsInt(), token.getAsInt()};
        int[] all = new int[PROBES_TOGETHER];
        Arrays.setAll(all, b -> b);
        long start = System.nanoTime();
        try (org.thinktrace.model.BranchDecoder branches = decoder.branchesAt(cuts,
                end.length + ConvergenceProbe.DEFAULT_ANSWER_TOKENS)) {
            int[] next = new int[PROBES_TOGETHER];
            for (int b = 0; b < PROBES_TOGETHER; b++) {
                next[b] = argmax(branches.extend(b, end));
            }
            for (int i = 1; i < ConvergenceProbe.DEFAULT_ANSWER_TOKENS; i++) {
                float[][] logits = branches.step(all, next);
                for (int b = 0; b < PROBES_TOGETHER; b++) next[b] = argmax(logits[b]);
            }
        }
        return seconds(start);
    }

    private static double median(int runs, DoubleSupplier measurement) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            values.add(measurement.getAsDouble());
        }
        values.sort(Double::compare);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static String size(long bytes) {
        return bytes >= GB / 10 ? String.format("%.2f GB", bytes / GB) : String.format("%.2f MB", bytes / 1e6);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
