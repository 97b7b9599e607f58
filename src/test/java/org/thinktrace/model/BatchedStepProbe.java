package org.thinktrace.model;

import static org.thinktrace.model.ProbeRounds.argmax;
import static org.thinktrace.model.ProbeRounds.seconds;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * One sequence's decode step against a batched step of B branches, taking turns round after round in one JVM (not a
 * test: run by hand on an idle machine). Each round decodes {@code steps} tokens of one sequence after a prompt (64
 * tokens unless given), then {@code steps} tokens of each of B branches of that prompt together; prints each
 * round's rates and the ratio of the batched aggregate rate to the single rate of the same round, then the medians.
 *
 * <p>Arguments: model folder or {@code .gguf} file, precision (FP32, FP16, INT8, Q4), B, steps per round, rounds,
 * and optionally the prompt's length. A warm-up round runs first and is not counted. The int8 kernel is chosen by
 * {@code -Dthinktrace.int8.kernel} as in the app.
 */
public final class BatchedStepProbe {

    /** {@code -Dprobe.batchOnly=true}: only the batched steps (for a native profiler). */
    private static final boolean BATCH_ONLY = Boolean.getBoolean("probe.batchOnly");

    private BatchedStepProbe() {
    }

    public static void main(String[] args) {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        int batch = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        int promptLength = args.length > 5 ? Integer.parseInt(args[5]) : 64;
        RuntimeSettings settings = RuntimeSettings.defaults().withThreads(2).withCpuPrecision(precision);
        DjlRuntime.start(settings).prepareInferenceThread();
        try (Decoder decoder = Decoder.load(model, settings, Math.max(1024, promptLength + steps), (stage, done, total) -> { })) {
            Random random = new Random(42);
            int[] prompt = new int[promptLength];
            Arrays.setAll(prompt, i -> random.nextInt(decoder.config().vocabSize()));
            double[] single = new double[rounds];
            double[] together = new double[rounds];
            double[] ratio = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                decoder.reset();
                float[] logits = decoder.forward(prompt);
                double singleRate = 0;
                if (!BATCH_ONLY) {
                    long start = System.nanoTime();
                    for (int i = 0; i < steps; i++) {
                        logits = decoder.forward(new int[] {argmax(logits)});
                    }
                    singleRate = steps / seconds(start);
                }
                decoder.truncate(prompt.length);
                double batchRate = ProbeRounds.branchesTogether(decoder, batch, steps, random);
                if (round < 0) continue; // warm-up
                if (BATCH_ONLY) {
                    together[round] = batchRate;
                    System.out.printf("round %d: %d together %.2f tokens/s (%.1f ms a step)%n",
                            round, batch, batchRate, 1000.0 * batch / batchRate);
                    continue;
                }
                single[round] = singleRate;
                together[round] = batchRate;
                ratio[round] = batchRate / singleRate;
                System.out.printf("round %d: one %.2f tokens/s (%.1f ms a step), %d together %.2f tokens/s (%.1f ms a step), %.2f x%n",
                        round, singleRate, 1000 / singleRate, batch, batchRate, 1000.0 * batch / batchRate, ratio[round]);
            }
            if (BATCH_ONLY) {
                System.out.printf("median: %d together %.2f tokens/s%n", batch, median(together));
            } else {
                System.out.printf("median: one %.2f, %d together %.2f tokens/s, ratio %.2f x%n",
                        median(single), batch, median(together), median(ratio));
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
