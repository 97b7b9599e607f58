package org.thinktrace.model;

import static org.thinktrace.model.ProbeRounds.argmax;
import static org.thinktrace.model.ProbeRounds.seconds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Load, short prompts, a few decode steps and the peak resident size of one model in one precision (not a test: run
 * by hand, under the benchmark lock, for model sizes where {@code bench}'s 512-token prefill, 128 decode steps and
 * convergence probe would take many minutes on a busy machine). Prints the load's time and GB/s of checkpoint, the
 * weights and KV cache held, and VmHWM after the load, after each prompt and at the end.
 *
 * <p>Arguments: model folder or {@code .gguf} file, precision (INT8, Q4, FP16, FP32), prompt lengths (e.g. 64 or
 * 64,512), decode steps, and optionally the context (default 1024) and threads (default 2).
 */
public final class QuantizedLoadProbe {

    private QuantizedLoadProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        String[] prompts = args[2].split(",");
        int steps = Integer.parseInt(args[3]);
        int context = args.length > 4 ? Integer.parseInt(args[4]) : 1024;
        int threads = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(threads).withCpuPrecision(precision);
        DjlRuntime.start(settings).prepareInferenceThread();
        long[] checkpointBytes = new long[1];
        long start = System.nanoTime();
        try (Decoder decoder = Decoder.load(model, settings, context, (stage, done, total) -> {
            if (stage == LoadProgress.Stage.WEIGHTS) checkpointBytes[0] = total;
        })) {
            double load = seconds(start);
            long weights = decoder.weights().byteSize();
            System.out.printf("load %.2f s, %.2f GB/s (%.2f GB of checkpoint); weights %.2f GB, KV cache %.3f GB; hwm %s%n",
                    load, checkpointBytes[0] / 1e9 / load, checkpointBytes[0] / 1e9, weights / 1e9,
                    decoder.cacheBytes() / 1e9, status("VmHWM"));
            Random random = new Random(42);
            float[] logits = null;
            for (String prompt : prompts) {
                int length = Integer.parseInt(prompt);
                decoder.reset();
                int[] ids = new int[length];
                for (int i = 0; i < length; i++) {
                    ids[i] = random.nextInt(decoder.config().vocabSize());
                }
                start = System.nanoTime();
                logits = decoder.forward(ids);
                double seconds = seconds(start);
                System.out.printf("prefill %d: %.2f s, %.2f tokens/s; hwm %s%n", length, seconds, length / seconds, status("VmHWM"));
            }
            logits = decoder.forward(new int[] {argmax(logits)});                                // warm-up step
            start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                logits = decoder.forward(new int[] {argmax(logits)});
            }
            double seconds = seconds(start);
            System.out.printf("decode %d: %.2f tokens/s (%.2f GB read per token); hwm %s, rss %s; peak / (weights + KV) %.2f%n",
                    steps, steps / seconds, decoder.weights().bytesReadPerToken() / 1e9, status("VmHWM"), status("VmRSS"),
                    kilobytes("VmHWM") * 1024.0 / (weights + decoder.cacheBytes()));
        }
    }

    private static String status(String field) throws IOException {
        return String.format("%.2f GB", kilobytes(field) / 1e6 * 1.024);
    }

    private static long kilobytes(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
