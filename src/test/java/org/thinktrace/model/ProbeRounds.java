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

    /** The machine's load averages as /proc/loadavg gives them, or "unknown". */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
