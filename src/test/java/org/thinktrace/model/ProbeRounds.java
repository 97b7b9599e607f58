package org.thinktrace.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The timing loop of the kernel probes (run by hand, not tests): every candidate in turn, round after round. */
final class ProbeRounds {

    private ProbeRounds() {
    }

    /**
     * Runs every candidate once per round, in their map order, for two unmeasured warm-up rounds and then
     * {@code rounds} measured ones.
     *
     * @return each candidate's wall-clock milliseconds per measured round, in the candidates' order
     */
    static Map<String, List<Double>> time(Map<String, Runnable> candidates, int rounds) {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = -2; round < rounds; round++) {
            for (Map.Entry<String, Runnable> c : candidates.entrySet()) {
                long start = System.nanoTime();
                c.getValue().run();
                double ms = (System.nanoTime() - start) / 1e6;
                if (round >= 0) {
                    times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(ms);
                }
            }
        }
        return times;
    }

    /** Seconds since {@code start}, a {@link System#nanoTime()} reading. */
    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The index of the largest value (the first of equal ones): a greedy decoder's next token. */
    static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }

    /**
     * Tokens per second, all together, of {@code steps} greedy steps of {@code batch} branches of what {@code decoder}
     * holds, each branch starting from a random token.
     */
    static double branchesTogether(Decoder decoder, int batch, int steps, java.util.Random random) {
        int[] all = new int[batch];
        int[] ids = new int[batch];
        java.util.Arrays.setAll(all, i -> i);
        java.util.Arrays.setAll(ids, i -> random.nextInt(decoder.config().vocabSize()));
        try (BranchDecoder branches = decoder.branches(batch, steps)) {
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                float[][] out = branches.step(all, ids);
                for (int b = 0; b < batch; b++) {
                    ids[b] = argmax(out[b]);
                }
            }
            return batch * steps / seconds(start);
        }
    }

    /** The machine's load averages as /proc/loadavg gives them, or "unknown". */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
