package org.thinktrace.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Side-by-side decode and short prefill of one checkpoint in several precisions in one JVM, the
 * precisions alternating round by round (not a test: run by hand on a busy machine, where separate
 * {@code bench} runs minutes apart would measure the machine's load more than the code). Each
 * load is measured after a 64-token prompt: the prefill, then {@code tokens} greedy decode steps.
 * The process's resident size is printed after the first load (the first precision's figure is
 * the only one not inflated by memory earlier loads left in the C heap).
 *
 * <p>Arguments: model folder, rounds, decode tokens, precisions (e.g. INT8,FP16,FP32), and optionally
 * the thread counts to alternate as well (e.g. 1,2; default 2).
 */
public final class PrecisionSideBySideProbe {

    private PrecisionSideBySideProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int tokens = Integer.parseInt(args[2]);
        List<ComputePrecision> precisions = new ArrayList<>();
        for (String name : args[3].split(",")) {
            precisions.add(ComputePrecision.valueOf(name));
        }
        int[] threadCounts = args.length > 4 ? java.util.Arrays.stream(args[4].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {2};
        DjlRuntime.start(RuntimeSettings.defaults().withThreads(2)).prepareInferenceThread();
        Map<ComputePrecision, List<String>> lines = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int round = 1; round <= rounds; round++) {
            for (ComputePrecision precision : precisions) {
              for (int threads : threadCounts) {
                RuntimeSettings settings = RuntimeSettings.defaults().withThreads(threads).withCpuPrecision(precision);
                long start = System.nanoTime();
                try (Decoder decoder = Decoder.load(folder, settings, 1024, LoadProgress.NONE)) {
                    double load = seconds(start);
                    String rss = round == 1 && precision == precisions.get(0) ? " rss " + status("VmRSS") + " hwm " + status("VmHWM") : "";
                    int[] prompt = new int[64];
                    for (int i = 0; i < prompt.length; i++) {
                        prompt[i] = random.nextInt(decoder.config().vocabSize());
                    }
                    start = System.nanoTime();
                    float[] logits = decoder.forward(prompt);
                    double prefill = seconds(start);
                    logits = decoder.forward(new int[] {argmax(logits)});                        // warm-up step
                    start = System.nanoTime();
                    for (int i = 0; i < tokens; i++) {
                        logits = decoder.forward(new int[] {argmax(logits)});
                    }
                    double decode = tokens / seconds(start);
                    long perToken = decoder.weights().bytesReadPerToken();
                    String line = String.format("round %d %s threads " + threads + " load %.1f s, weights %.2f GB, prefill 64 %.1f tokens/s,"
                                    + " decode %.2f tokens/s = %.1f GB/s (%.2f GB per token), load average %s%s",
                            round, precision, load, decoder.weights().byteSize() / 1e9, 64 / prefill, decode,
                            decode * perToken / 1e9, perToken / 1e9, loadAverage(), rss);
                    System.out.println(line);
                    lines.computeIfAbsent(precision, p -> new ArrayList<>()).add(line);
                }
              }
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) best = values[i] > values[best] ? i : best;
        return best;
    }

    private static String status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        return "unknown";
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return parts[0];
    }
}
