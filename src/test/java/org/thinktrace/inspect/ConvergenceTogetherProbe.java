package org.thinktrace.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.thinktrace.chat.Convergence;
import org.thinktrace.generate.LoadOptions;
import org.thinktrace.generate.LoadedModel;
import org.thinktrace.generate.ModelSession;
import org.thinktrace.generate.ModelSource;
import org.thinktrace.model.ComputePrecision;
import org.thinktrace.model.LoadProgress;
import org.thinktrace.model.PrecisionChoice;
import org.thinktrace.model.RuntimeSettings;

/**
 * Answer-convergence probes with the steps' probes decoded together against one after another, taking turns round
 * after round in one JVM (not a test: run by hand on an idle machine; figures go to docs/benchmarks.md, "Steps of
 * sequences decoded together"). The trace is random token ids (a 64-token prompt, then {@code thinking} tokens cut
 * into {@code steps} equal steps), so every probe writes its whole answer budget unless it hits an end of sequence.
 *
 * <p>Arguments: model folder or {@code .gguf} file, precision (FP32, FP16, INT8, Q4), thinking tokens, steps, rounds.
 */
public final class ConvergenceTogetherProbe {

    private ConvergenceTogetherProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        ComputePrecision precision = ComputePrecision.valueOf(args[1]);
        int thinking = Integer.parseInt(args[2]);
        int steps = Integer.parseInt(args[3]);
        int rounds = Integer.parseInt(args[4]);
        LoadOptions options = new LoadOptions(2048, RuntimeSettings.defaults().withThreads(2),
                PrecisionChoice.of(precision));
        try (LoadedModel loaded = ModelSource.at(model).load(options, LoadProgress.NONE)) {
            int vocab = 1000;                                   // ids every supported vocabulary has (the bundled: 1,024)
            Random random = new Random(5);
            int[] prompt = random.ints(64, 0, vocab).toArray();
            int[] trace = random.ints(thinking, 0, vocab).toArray();
            int[] boundaries = new int[steps];
            for (int s = 0; s < steps; s++) boundaries[s] = (s + 1) * thinking / steps;
            ConvergenceProbe probe = new ConvergenceProbe(ConvergenceProbe.DEFAULT_ANSWER_TOKENS,
                    ConvergenceProbe.FIRST_LINE_ANSWER);
            List<Double> together = new ArrayList<>();
            List<Double> alone = new ArrayList<>();
            for (int round = -1; round < rounds; round++) {
                for (boolean batched : new boolean[] {true, false}) {
                    long start = System.nanoTime();
                    Convergence c = loaded.generator().probe(session -> probe.run(
                            batched ? session : new OneAfterAnotherSession(session), prompt, trace, boundaries, "",
                            (done, total) -> { })).result().get(1, TimeUnit.HOURS);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (round < 0) continue;
                    (batched ? together : alone).add(seconds);
                    System.out.printf("round %d, %s: %.2f s (%d steps)%n", round,
                            batched ? "together" : "one after another", seconds, c.steps().size());
                }
            }
            double t = median(together);
            double a = median(alone);
            System.out.printf("median: together %.2f s, one after another %.2f s, %.2f x%n", t, a, a / t);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
